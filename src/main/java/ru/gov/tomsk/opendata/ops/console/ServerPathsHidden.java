package ru.gov.tomsk.opendata.ops.console;

import java.io.File;

import ru.gov.tomsk.opendata.feed.FeedRegistry;

/**
 * Names a feed file in a message as the department knows it ({@code 7017069388-schools.yaml:12:5}), not by its
 * path on the server: the console is read by departments' staff too, and the layout of the server is not theirs.
 */
final class ServerPathsHidden {

    private final String absolute;
    private final String configured;

    ServerPathsHidden(FeedRegistry registry) {
        this.absolute = registry.directory().toAbsolutePath().normalize() + File.separator;
        this.configured = registry.directory() + File.separator;
    }

    String hide(String message) {
        return message == null ? null : message.replace(absolute, "").replace(configured, "");
    }
}
