package ru.gov.tomsk.opendata.ops;

import java.io.File;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.feed.FeedRegistry;

/**
 * Keeps the server's directory layout out of what the API and the console show: a feed file's error names it as
 * the department knows it ({@code 7017069388-schools.yaml:12:5}), not by its path on the server. The messages keep
 * the full path where operators read them (the log, the {@code validate} command).
 */
@Component
public class ServerPaths {

    private final String absolute;
    private final String configured;

    public ServerPaths(FeedRegistry registry) {
        // messages name a file by the directory as configured (often relative) or resolved: hide both
        this.absolute = registry.directory().toAbsolutePath().normalize() + File.separator;
        this.configured = registry.directory() + File.separator;
    }

    public String hide(String message) {
        return message == null ? null : message.replace(absolute, "").replace(configured, "");
    }
}
