package ru.gov.tomsk.opendata.source.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in anything an HTTP source writes to a log or a run message: the feed's secret values
 * wherever they appear (plain or URL-encoded), the user-info part of URLs, and query parameters whose names
 * say they carry a credential ({@code api_key}, {@code access_token}, {@code sig}…), since an API may echo a
 * key it was given in its next-page links, or a feed may put one in its URL through an {@code ${ENV}} placeholder.
 */
final class Redactor {

    static final String MASK = "***";
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#@\\s]+@");
    private static final Pattern QUERY_PARAM = Pattern.compile("([?&;])([^=&#\\s]+)=([^&#\\s]*)");
    private static final Set<String> SECRET_NAMES = Set.of("key", "sig", "pwd", "pass", "code");
    private static final Pattern SECRET_NAME_PARTS =
            Pattern.compile("token|secret|passw|api[-_]?key|signature|credential|auth|session|private");

    private final Set<String> secrets = new LinkedHashSet<>();

    Redactor(Collection<String> secretValues) {
        for (String secret : secretValues) {
            if (secret != null && !secret.isEmpty()) {
                secrets.add(secret);
                secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
                secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
    }

    /** Text with every known secret value replaced by {@value #MASK}. */
    String text(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        // longest first, so that a secret containing another is masked whole
        for (String secret : secrets.stream().sorted((a, b) -> b.length() - a.length()).toList()) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /** A URL (or text containing URLs) fit for a message: user info and credential-like query values masked too. */
    String url(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text(url)).replaceAll(MASK + "@");
        Matcher m = QUERY_PARAM.matcher(masked);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = isSecretName(m.group(2)) && !m.group(3).isEmpty()
                    ? m.group(1) + m.group(2) + "=" + MASK : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static boolean isSecretName(String parameter) {
        String name = parameter.toLowerCase(Locale.ROOT);
        return SECRET_NAMES.contains(name) || SECRET_NAME_PARTS.matcher(name).find();
    }

    /**
     * At most {@code limit} characters of a response body for a message: line breaks and runs of spaces
     * collapsed, secrets masked before cutting (so that no part of one survives the cut).
     */
    String excerpt(byte[] body, int limit) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        String text = url(new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip());
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
