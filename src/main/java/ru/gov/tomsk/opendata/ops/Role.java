package ru.gov.tomsk.opendata.ops;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The roles of the console and the admin API; each includes the ones below it. Declared from least to most: the order
 * compares them (an API token never acts above its owner's role).
 */
public enum Role {
    /** reads the console, the admin API and the actuator */
    VIEWER,
    /**
     * also tries draft feed files and installs them, for the datasets of its account's {@code owners} (the INNs a
     * draft's identifier must start with)
     */
    DEPARTMENT,
    /** also tries and installs any draft, and runs feeds now, dry-runs them, approves or discards held versions and retries deliveries */
    OPERATOR,
    /** everything */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }

    static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
