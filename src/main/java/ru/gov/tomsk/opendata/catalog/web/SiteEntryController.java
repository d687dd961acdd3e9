package ru.gov.tomsk.opendata.catalog.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import ru.gov.tomsk.opendata.catalog.CatalogRepository;
import ru.gov.tomsk.opendata.catalog.DataVersion;
import ru.gov.tomsk.opendata.format.SitemapXml;

/**
 * What a citizen or a crawler meets first: the site root, {@code robots.txt} and the section's sitemap. All public.
 * The favicon is a static file ({@code static/favicon.ico}).
 */
@Controller
class SiteEntryController {

    private static final MediaType TEXT = MediaType.parseMediaType("text/plain;charset=UTF-8");
    private static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");
    // like the published files: crawlers come rarely, and the catalogue changes at most a few times a day
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final CatalogRepository repository;
    private final SiteUrls urls;

    SiteEntryController(CatalogRepository repository, SiteUrls urls) {
        this.repository = repository;
        this.urls = urls;
    }

    /**
     * The host belongs to the open data: a citizen who opens it lands in the section. 302 rather than 301: a
     * permanent redirect is cached by browsers without end, and the region may yet put a page of its own at the
     * root; crawlers index the section by its canonical links and the sitemap either way.
     */
    @GetMapping("/")
    String root() {
        return "redirect:/opendata/";
    }

    /** The section for everyone; the operators' side is no business of search engines. */
    @GetMapping("/robots.txt")
    ResponseEntity<String> robots() {
        String robots = """
                User-agent: *
                Allow: /opendata/
                Disallow: /admin
                Disallow: /api
                Disallow: /actuator
                Disallow: /swagger-ui
                Disallow: /v3/api-docs

                Sitemap: %s
                """.formatted(urls.sitemap());
        return ResponseEntity.ok().contentType(TEXT).cacheControl(CACHE).body(robots);
    }

    /**
     * The section page and every published dataset's page, each with the date it last changed: a dataset's is the
     * date of its newest data version (the passport's {@code modified}), the section's the newest of those. The
     * section's own pages follow without a date ({@link #SECTION_PAGES}: they change with every request or run).
     */
    /** The section's pages besides its datasets', relative to the section. */
    static final List<String> SECTION_PAGES = List.of("programme/", "requests/", "mandates/", "guide/");

    @GetMapping("/opendata/sitemap.xml")
    ResponseEntity<byte[]> sitemap() {
        List<DataVersion> newest = repository.newestDataVersions();
        List<SitemapXml.Page> pages = new ArrayList<>();
        pages.add(new SitemapXml.Page(urls.section(),
                newest.stream().map(DataVersion::date).max(Comparator.naturalOrder()).orElse(null)));
        for (String page : SECTION_PAGES) {
            pages.add(new SitemapXml.Page(urls.section() + page, null));
        }
        for (DataVersion version : newest) {
            pages.add(new SitemapXml.Page(urls.dataset(version.identifier()), version.date()));
        }
        return ResponseEntity.ok().contentType(XML).cacheControl(CACHE).body(SitemapXml.render(pages));
    }
}
