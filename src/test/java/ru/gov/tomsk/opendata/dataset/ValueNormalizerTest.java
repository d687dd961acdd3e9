package ru.gov.tomsk.opendata.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueNormalizerTest {

    @Test
    void decomposedLettersAreComposed() {
        // "Кий" typed on a Mac or exported by some DBMS arrives as и + U+0306 COMBINING BREVE
        String decomposed = "Кии\u0306";

        String text = ValueNormalizer.text(decomposed);

        assertThat(text).isEqualTo("Кий").hasSize(3);
        assertThat(Normalizer.isNormalized(text, Normalizer.Form.NFC)).isTrue();
    }

    @Test
    void composedTextIsReturnedAsIs() {
        assertThat(ValueNormalizer.text("Томск, пр. Ленина, 1")).isEqualTo("Томск, пр. Ленина, 1");
    }

    @Test
    void crlfBecomesLf() {
        assertThat(ValueNormalizer.text("строка 1\r\nстрока 2\r\nстрока 3")).isEqualTo("строка 1\nстрока 2\nстрока 3");
    }

    @Test
    void loneCrBecomesLf() {
        assertThat(ValueNormalizer.text("строка 1\rстрока 2")).isEqualTo("строка 1\nстрока 2");
        assertThat(ValueNormalizer.text("a\r\rb")).isEqualTo("a\n\nb");
        assertThat(ValueNormalizer.text("a\n\r\nb")).isEqualTo("a\n\nb");
    }

    @Test
    void c0ControlsAreRemovedButLfAndTabKept() {
        assertThat(ValueNormalizer.text("a\u0000b\u0007c\u001Bd\u000Be\u000Cf\tg\nh")).isEqualTo("abcdef\tg\nh");
    }

    @Test
    void deleteAndC1ControlsAreRemoved() {
        // U+0085 NEL and friends come from windows-1252 text decoded as Latin-1
        assertThat(ValueNormalizer.text("a\u007Fb\u0080c\u0085d\u009Fe")).isEqualTo("abcde");
    }

    @Test
    void noBreakSpaceIsNotAControl() {
        assertThat(ValueNormalizer.text("1\u00A0234")).isEqualTo("1\u00A0234");
    }

    @Test
    void surroundingWhitespaceIsTrimmedInsideKept() {
        assertThat(ValueNormalizer.text(" \t Школа  №1 \r\n")).isEqualTo("Школа  №1");
    }

    @Test
    void controlAtTheEdgeDoesNotShieldWhitespaceFromTrimming() {
        assertThat(ValueNormalizer.text("\u0000  Школа  \u0000")).isEqualTo("Школа");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\r\n", "\u0000\u0001", " \u0085 "})
    void valueThatEndsUpEmptyIsNull(String raw) {
        assertThat(ValueNormalizer.text(raw)).isNull();
    }

    @Test
    void nullStaysNull() {
        assertThat(ValueNormalizer.text(null)).isNull();
    }

    @Test
    void resultIsNfcEvenWhenAControlSeparatedACombiningMark() {
        String text = ValueNormalizer.text("и\u0000\u0306");

        assertThat(text).isEqualTo("й");
    }

    /** What each clean-up told its observer: kinds (as names), before, after. */
    private static List<String> changes(String raw, boolean keep) {
        List<String> seen = new ArrayList<>();
        String result = ValueNormalizer.text(raw, keep, (kinds, before, after) -> {
            List<String> names = new ArrayList<>();
            for (CleanupKind kind : CleanupKind.values()) {
                if ((kinds & 1 << kind.ordinal()) != 0) {
                    names.add(kind.name());
                }
            }
            seen.add(names + " " + before + " -> " + after);
        });
        assertThat(seen).hasSizeLessThanOrEqualTo(1);
        seen.add("= " + result);
        return seen;
    }

    @Test
    void eachChangeIsReportedWithItsKinds() {
        assertThat(changes("control\u0007bell", false)).containsExactly(
                "[CONTROL_CHARACTERS] control\u0007bell -> controlbell", "= controlbell");
        assertThat(changes("a\r\nb", false)).containsExactly("[LINE_BREAKS] a\r\nb -> a\nb", "= a\nb");
        assertThat(changes("\u00A0Школа ", false)).containsExactly("[EDGES] \u00A0Школа  -> Школа", "= Школа");
        assertThat(changes("и\u0306", false)).containsExactly("[NFC] и\u0306 -> й", "= й");
        // one value, three kinds at once; emptied values count too
        assertThat(changes(" a\rb\u0000 ", false)).containsExactly(
                "[CONTROL_CHARACTERS, LINE_BREAKS, EDGES] " + " a\rb\u0000 " + " -> a\nb", "= a\nb");
        assertThat(changes("   ", false)).containsExactly("[EDGES]     -> null", "= null");
        // an unpaired surrogate is dropped like a control
        assertThat(changes("a\uD800b", false)).containsExactly("[CONTROL_CHARACTERS] a\uD800b -> ab", "= ab");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Томск, пр. Ленина, 1", "a\tb\nc", "emoji \uD83D\uDE00 ok", "1\u00A0234", ""})
    void aCleanValueIsNotReportedAndNotCopied(String clean) {
        List<String> seen = new ArrayList<>();
        String result = ValueNormalizer.text(clean, false, (kinds, before, after) -> seen.add(before));

        assertThat(seen).isEmpty();
        if (!clean.isEmpty()) {
            // the very same instance: the clean path allocates nothing
            assertThat(result).isSameAs(clean);
        }
    }

    @Test
    void keptControlCharactersAreWhatXml10CanCarry() {
        // CR, CR LF, NEL and the other C1 controls, DEL and TAB stay; the rest of C0 and U+FFFE/U+FFFF cannot
        String raw = "a\r\nb\rc\u0085d\u007Fe\u009Ff\tg\u0007h\u001Bi\uFFFEj\uFFFFk\uDC00l";

        assertThat(changes(raw, true)).containsExactly("[CONTROL_CHARACTERS] " + raw
                + " -> a\r\nb\rc\u0085d\u007Fe\u009Ff\tghijkl", "= a\r\nb\rc\u0085d\u007Fe\u009Ff\tghijkl");
        assertThat(changes("x\r\u0085y", true)).containsExactly("= x\r\u0085y");
        // edges are still trimmed and NFC still applied
        assertThat(changes("\r\u0085и\u0306\r\n", true)).containsExactly(
                "[EDGES, NFC] \r\u0085и\u0306\r\n -> \u0085й", "= \u0085й");
    }
}
