package ru.gov.tomsk.opendata.dataset;

/**
 * A value the text clean-up changed, before and after, for people to see what it does: invisible characters
 * are written as {@code ⟨U+0007⟩}, and long values keep their start and end.
 *
 * @param after {@code null} when nothing was left of the value
 */
public record CleanupExample(String field, CleanupKind kind, String before, String after) {

    private static final int EDGE = 60;

    static CleanupExample of(String field, CleanupKind kind, String before, String after) {
        return new CleanupExample(field, kind, visible(before), after == null ? null : visible(after));
    }

    /**
     * The text with every character a reader could not see or tell apart written as its code point: controls (TAB,
     * LF and CR too), format characters, combining marks (the difference NFC makes), whitespace other than the
     * plain space, noncharacters and unpaired surrogates. Longer than 120 characters: the first and last 60.
     */
    static String visible(String text) {
        String shown = text.length() <= 2 * EDGE ? text
                : text.substring(0, EDGE) + "…" + text.substring(text.length() - EDGE);
        StringBuilder out = new StringBuilder(shown.length() + 16);
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < shown.length() && Character.isLowSurrogate(shown.charAt(i + 1))) {
                out.append(c).append(shown.charAt(++i));
            } else if (hidden(c)) {
                out.append(String.format("⟨U+%04X⟩", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean hidden(char c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
                 Character.SURROGATE, Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            case Character.SPACE_SEPARATOR -> c != ' ';
            default -> false;
        };
    }
}
