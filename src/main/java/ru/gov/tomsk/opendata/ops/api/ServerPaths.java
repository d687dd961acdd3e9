package ru.gov.tomsk.opendata.ops.api;


import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.feed.FeedRegistry;

/**
 * Keeps the server's directory layout out of API answers: a feed file's error names it as the department knows
 * it ({@code 7017069388-schools.yaml:12:5}), not by its absolute path on the server.
 */
@Component
class ServerPaths {

    private final String absolute;
    private final String configured;

    ServerPaths(FeedRegistry registry) {
        // messages name a file by the directory as configured (often relative) or resolved: hide both
        this.absolute = registry.directory().toAbsolutePath().normalize() + java.io.File.separator;
        this.configured = registry.directory() + java.io.File.separator;
    }

    String hide(String message) {
        return message == null ? null : message.replace(absolute, "").replace(configured, "");
    }

}
