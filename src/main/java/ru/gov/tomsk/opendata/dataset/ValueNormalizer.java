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
        String s = Normalizer.isNormalized(raw, Normalizer.Form.NFC) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (needsCleaning(s)) {
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\r') {
                    boolean crlf = i + 1 < s.length() && s.charAt(i + 1) == '\n';
                    if (!crlf) {
                        out.append('\n');
                    }
                } else if (!isDroppedControl(c)) {
                    out.append(c);
                }
            }
            s = out.toString();
        }
        s = s.strip();
        return s.isEmpty() ? null : s;
    }

    private static boolean needsCleaning(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || isDroppedControl(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDroppedControl(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c < 0xA0);
    }
}
