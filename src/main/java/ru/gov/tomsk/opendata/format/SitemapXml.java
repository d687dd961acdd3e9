package ru.gov.tomsk.opendata.format;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code sitemap.xml} of the open-data section by the Sitemaps protocol 0.9 (sitemaps.org): one {@code <url>} per
 * page, its address and the date it last changed. Written like every published XML file ({@link XmlWriter}), so
 * {@code &} and {@code <} in an address are escaped and a character XML cannot carry is refused.
 * A section holds hundreds of datasets, far below the protocol's 50,000 addresses per file.
 */
public final class SitemapXml {

    static final String NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /** A page: its absolute, URL-escaped address and the date it last changed ({@code null}: unknown). */
    public record Page(String loc, LocalDate lastmod) {
    }

    private SitemapXml() {
    }

    public static byte[] render(List<Page> pages) {
        return XmlWriter.render(xml -> {
            xml.start("urlset", "xmlns", NAMESPACE);
            for (Page page : pages) {
                xml.start("url");
                xml.element("loc", page.loc());
                if (page.lastmod() != null) {
                    xml.element("lastmod", page.lastmod().toString());
                }
                xml.end("url");
            }
            xml.end("urlset");
        });
    }
}
