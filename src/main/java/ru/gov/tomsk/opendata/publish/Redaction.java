package ru.gov.tomsk.opendata.publish;

import java.util.regex.Pattern;

/**
 * Masks credentials in texts that are stored and logged (a delivery's last error): a URL's user and password,
 * and query parameters that carry tokens or keys. Targets to come (sftp, ckan, http) take URLs with credentials,
 * and an exception message may quote such a URL whole.
 */
final class Redaction {

    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;]\\s*(?:access_token|token|api_?key|apikey|key|password|passwd|secret|auth)=)[^&\\s\"']*");
    static final int MAX_LENGTH = 2000;

    private Redaction() {
    }

    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String masked = SECRET_PARAMETER.matcher(USER_INFO.matcher(text).replaceAll("$1***@")).replaceAll("$1***");
        return masked.length() <= MAX_LENGTH ? masked : masked.substring(0, MAX_LENGTH - 1) + "…";
    }
}
