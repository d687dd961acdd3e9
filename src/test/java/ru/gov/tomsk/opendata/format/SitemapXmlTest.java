package ru.gov.tomsk.opendata.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import ru.gov.tomsk.opendata.support.StructureValidators;

/** The sitemap's bytes, and what the Sitemaps protocol asks of the addresses in it. */
class SitemapXmlTest {

    @Test
    void escapesAddressesAndOmitsAnUnknownDateValidAgainstTheSitemapsSchema() throws Exception {
        byte[] sitemap = SitemapXml.render(List.of(
                new SitemapXml.Page("https://data.example.ru/open&data/?a=1&b=<2>", LocalDate.of(2026, 3, 21)),
                new SitemapXml.Page("https://data.example.ru/open&data/7017069388-x/", null)));
        assertThat(new String(sitemap, StandardCharsets.UTF_8)).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url>
                    <loc>https://data.example.ru/open&amp;data/?a=1&amp;b=&lt;2&gt;</loc>
                    <lastmod>2026-03-21</lastmod>
                  </url>
                  <url>
                    <loc>https://data.example.ru/open&amp;data/7017069388-x/</loc>
                  </url>
                </urlset>
                """);
        StructureValidators.validateXml(StructureValidators.xsd(
                new ClassPathResource("sitemaps/sitemap.xsd").getContentAsByteArray()), sitemap);
    }

    @Test
    void theSchemaRejectsWhatTheProtocolForbids() throws Exception {
        // the check above is worth something only if the schema is the real one: no urlset without a url
        byte[] empty = SitemapXml.render(List.of());
        assertThatThrownBy(() -> StructureValidators.validateXml(StructureValidators.xsd(
                new ClassPathResource("sitemaps/sitemap.xsd").getContentAsByteArray()), empty))
                .hasMessageContaining("urlset");
    }
}
