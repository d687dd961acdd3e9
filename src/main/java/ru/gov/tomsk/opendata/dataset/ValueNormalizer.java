package ru.gov.tomsk.opendata.dataset;

import java.text.Normalizer;

/**
 * Normalises text the same way for every source, so that the same facts always render to the same
 * bytes and the content fingerprint only changes when the facts change. Each change is reported (what kinds,
 * before, after) so that a run can say what the clean-up did to its source's values.
 */
public final class ValueNormalizer {

    /** Receives each value the clean-up changed; never called for a value it left as it was. */
    @FunctionalInterface
    public interface Changes {
        /**
         * @param kinds  a bit per {@link CleanupKind} that changed the value ({@code 1 << ordinal})
         * @param before the value as the source gave it
         * @param after  the cleaned value, {@code null} when nothing is left of it
         */
        void changed(int kinds, String before, String after);
    }

    private ValueNormalizer() {
    }

    /**
     * Unicode NFC, line breaks unified to LF, control characters other than LF and TAB removed,
     * surrounding whitespace trimmed. Returns {@code null} for a value that ends up empty.
     */
    public static String text(String raw) {
        return text(raw, false, null);
    }

    /**
     * As {@link #text(String)}; with {@code keepControlCharacters} every character XML 1.0 can carry stays (TAB,
     * LF, CR, U+007F–U+009F; CR LF is not unified either) and only the rest is removed: other C0 controls, U+FFFE,
     * U+FFFF and unpaired surrogates. A value that needs no change costs no allocation.
     *
     * @param changes told about each value that changed; may be {@code null}
     */
    public static String text(String raw, boolean keepControlCharacters, Changes changes) {
        if (raw == null) {
            return null;
        }
        String s = raw;
        int kinds = 0;
        if (needsCleaning(s, keepControlCharacters)) {
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\r' && !keepControlCharacters) {
                    kinds |= CleanupKind.LINE_BREAKS.bit();
                    boolean crlf = i + 1 < s.length() && s.charAt(i + 1) == '\n';
                    if (!crlf) {
                        out.append('\n');
                    }
                } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    out.append(c).append(s.charAt(++i));
                } else if (isDropped(c, keepControlCharacters) || Character.isSurrogate(c)) {
                    // an unpaired surrogate is not a character at all: drop it like a control
                    kinds |= CleanupKind.CONTROL_CHARACTERS.bit();
                } else {
                    out.append(c);
                }
            }
            s = out.toString();
        }
        // after cleaning, so that a removed control character cannot keep a letter and its accent apart
        if (!Normalizer.isNormalized(s, Normalizer.Form.NFC)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFC);
            kinds |= CleanupKind.NFC.bit();
        }
        String trimmed = trim(s);
        if (trimmed.length() != s.length()) {
            kinds |= CleanupKind.EDGES.bit();
        }
        String result = trimmed.isEmpty() ? null : trimmed;
        if (kinds != 0 && changes != null) {
            changes.changed(kinds, raw, result);
        }
        return result;
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
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F';
    }

    private static boolean needsCleaning(String s, boolean keepControlCharacters) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c == '\r' && !keepControlCharacters) || isDropped(c, keepControlCharacters)) {
                return true;
            }
            if (Character.isSurrogate(c)) {
                // a well-formed pair (an emoji, a rare CJK character) needs nothing
                if (!Character.isHighSurrogate(c) || i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    /**
     * By default controls other than LF and TAB; kept, only what XML 1.0's {@code Char} production excludes: C0
     * controls other than TAB, LF and CR. U+FFFE and U+FFFF, which XML cannot carry, go either way.
     */
    private static boolean isDropped(char c, boolean keepControlCharacters) {
        if (c == '\uFFFE' || c == '\uFFFF') {
            return true;
        }
        if (keepControlCharacters) {
            return c < 0x20 && c != '\n' && c != '\t' && c != '\r';
        }
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c < 0xA0);
    }
}
