package ru.gov.tomsk.opendata.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpendataPagesPropertiesTest {

    @Test
    void requestLinkIsPercentEncodedOnce() {
        assertThat(new OpendataPagesProperties("Т", "mailto:a@b.ru?subject=Запрос данных").requestDataUrl())
                .isEqualTo("mailto:a@b.ru?subject=%D0%97%D0%B0%D0%BF%D1%80%D0%BE%D1%81%20%D0%B4%D0%B0%D0%BD%D0%BD%D1%8B%D1%85");
        assertThat(new OpendataPagesProperties("Т", "https://tomsk.gov.ru/request?topic=a%20b").requestDataUrl())
                .isEqualTo("https://tomsk.gov.ru/request?topic=a%20b");
        // none by default: the section's own form is the way to ask
        assertThat(new OpendataPagesProperties("Т", null).requestDataUrl()).isNull();
        assertThat(new OpendataPagesProperties("Т", " ").requestDataUrl()).isNull();
    }

    @Test
    void onlyMailAndWebLinksAreAccepted() {
        assertThatThrownBy(() -> new OpendataPagesProperties("Т", "javascript:alert(1)"))
                .hasMessageContaining("request-data-url");
        assertThatThrownBy(() -> new OpendataPagesProperties("Т", "/relative")).hasMessageContaining("request-data-url");
    }
}
