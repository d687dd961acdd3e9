package ru.gov.tomsk.opendata.dataset;

import java.text.Normalizer;

/**
 * Normalises text the same way for every source, so that the same facts always render to the same
 * bytes and the content fingerprint only changes when the facts change.
 */
public final class ValueNormalizer {

    private ValueNormalizer() {
    }

    /**
     * Unicode NFC, line breaks unified to LF, control characters other than LF and TAB removed,
     * surrounding whitespace trimmed. Returns {@code null} for a value that ends up empty.
     */
    public static String text(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw;
        if (needsCleaning(s)) {
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\r') {
                    boolean crlf = i + 1 < s.length() && s.charAt(i + 1) == '\n';
                    if (!crlf) {
                        out.append('\n');
                    }
                } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    out.append(c).append(s.charAt(++i));
                } else if (!isDroppedControl(c) && !Character.isSurrogate(c)) {
                    // an unpaired surrogate is not a character at all: drop it like a control
                    out.append(c);
                }
            }
            s = out.toString();
        }
        // after cleaning, so that a removed control character cannot keep a letter and its accent apart
        if (!Normalizer.isNormalized(s, Normalizer.Form.NFC)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFC);
        }
        s = trim(s);
        return s.isEmpty() ? null : s;
    }

    /** Like {@link String#strip()}, and also the no-break spaces that office software leaves at the ends. */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F';
    }

    private static boolean needsCleaning(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || isDroppedControl(c) || Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Controls other than LF and TAB, and the noncharacters U+FFFE and U+FFFF, which XML cannot carry. */
    private static boolean isDroppedControl(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c < 0xA0) || c == '\uFFFE' || c == '\uFFFF';
    }
}
