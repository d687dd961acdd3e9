package ru.gov.tomsk.opendata.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;

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
}
