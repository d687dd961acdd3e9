package ru.gov.tomsk.opendata.dataset;

/**
 * What the text clean-up ({@link ValueNormalizer}) can change in a value. A value changed in several ways counts
 * once under each.
 */
public enum CleanupKind {

    /** Control characters removed, and characters XML 1.0 cannot carry (U+FFFE, U+FFFF, unpaired surrogates). */
    CONTROL_CHARACTERS("control characters"),
    /** CR LF and lone CR turned into LF. */
    LINE_BREAKS("line breaks"),
    /** Whitespace (no-break spaces included) trimmed at the start or end. */
    EDGES("edges"),
    /** Unicode normalisation form C applied. */
    NFC("NFC");

    private final String word;

    CleanupKind(String word) {
        this.word = word;
    }

    /** English name, for logs. */
    public String word() {
        return word;
    }

    /** The kind's bit in the mask {@link ValueNormalizer.Changes} receives. */
    int bit() {
        return 1 << ordinal();
    }
}
