package ru.gov.tomsk.opendata.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The section's public addresses as crawlers need them: absolute, ASCII, escapes kept. */
class SiteUrlsTest {

    @Test
    void percentEncodesThePathAndWritesAnInternationalHostInIdnaForm() {
        assertThat(SiteUrls.ascii("http://localhost:8080/opendata/")).isEqualTo("http://localhost:8080/opendata/");
        assertThat(SiteUrls.ascii(" https://opendata.example.ru/открытые данные/ "))
                .isEqualTo("https://opendata.example.ru/%D0%BE%D1%82%D0%BA%D1%80%D1%8B%D1%82%D1%8B%D0%B5%20%D0%B4%D0%B0%D0%BD%D0%BD%D1%8B%D0%B5/");
        assertThat(SiteUrls.ascii("https://данные.томск.рф:8443/opendata/"))
                .isEqualTo("https://xn--80ahe5aa8f.xn--j1adfnc.xn--p1ai:8443/opendata/");
        // an escape already there is not escaped twice
        assertThat(SiteUrls.ascii("https://x.example.ru/%D0%B0&b/")).isEqualTo("https://x.example.ru/%D0%B0&b/");
    }

    @Test
    void refusesABaseUrlNoCrawlerCouldUse() {
        assertThatThrownBy(() -> SiteUrls.ascii("/opendata/")).hasMessageContaining("opendata.base-url");
        assertThatThrownBy(() -> SiteUrls.ascii("ftp://example.ru/opendata/")).hasMessageContaining("opendata.base-url");
        assertThatThrownBy(() -> SiteUrls.ascii("https://exa mple.ru/{x}/")).hasMessageContaining("opendata.base-url");
    }
}
