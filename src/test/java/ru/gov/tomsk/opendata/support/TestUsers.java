package ru.gov.tomsk.opendata.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The accounts every {@link TestApp} has, one per role. Their hashes are bcrypt with the lowest cost, so that
 * logins are fast in tests; the passwords follow one rule, {@link #password(String)}.
 */
public final class TestUsers {

    public static final String VIEWER = "viewer";
    /** DEPARTMENT of the organisation {@link #DEPARTMENT_INN}. */
    public static final String DEPARTMENT = "department";
    public static final String DEPARTMENT_INN = "7017069388";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    private static final Map<String, String> HASHES = Map.of(
            VIEWER, "$2a$04$n0T.wVVmlkulCvCMhD27DuWP3R4LBWbE/QtSBKmcZlbkPNHTp0r4O",
            DEPARTMENT, "$2a$04$zjc4rLMtGK0zaAvbfr2POOicirVEe0F9XXTxnbTGptpEvq4UYkmSe",
            OPERATOR, "$2a$04$bfQEGhd7X4RI9g31VDT79ORshRNHjUTkjTaQ94ZnN9H1A5I/R9xU.",
            ADMIN, "$2a$04$lu3ZqXPV/avcUZxUlIjhkegq/SKruBHfBfq6EPz1jwAkroEKA.KZi");

    private TestUsers() {
    }

    public static String password(String user) {
        return user + "-Test-pw-1";
    }

    /** The value of an {@code Authorization} header for the user. */
    public static String basic(String user) {
        return basic(user, password(user));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code opendata.security.users.*} properties of the accounts. */
    public static Map<String, Object> properties() {
        Map<String, Object> properties = new java.util.HashMap<>();
        HASHES.forEach((user, hash) -> {
            properties.put("opendata.security.users." + user + ".password-hash", hash);
            properties.put("opendata.security.users." + user + ".roles", user.toUpperCase(java.util.Locale.ROOT));
        });
        properties.put("opendata.security.users." + DEPARTMENT + ".owners", DEPARTMENT_INN);
        return properties;
    }
}
