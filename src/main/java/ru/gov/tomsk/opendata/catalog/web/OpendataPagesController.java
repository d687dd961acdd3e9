package ru.gov.tomsk.opendata.catalog.web;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The human pages of the open-data section (standard §7), server-rendered so that they work without
 * JavaScript. They share {@code /opendata/} with the published files: annotated mappings are consulted
 * before the static resource handler of {@code PublishedTreeWebConfig}, and these patterns only match the
 * section itself and dataset folders (a trailing slash), never a file, so every published file is still
 * served as it was.
 */
@Controller
class OpendataPagesController {

    /** Model attribute of the layout's {@code <link rel="canonical">}: the page's absolute public address. */
    static final String CANONICAL = "canonical";

    private final OpendataPages pages;
    private final OpendataPagesProperties settings;
    private final SiteUrls urls;

    OpendataPagesController(OpendataPages pages, OpendataPagesProperties settings, SiteUrls urls) {
        this.pages = pages;
        this.settings = settings;
        this.urls = urls;
    }

    @ModelAttribute("site")
    OpendataPagesProperties site() {
        return settings;
    }

    /** Links on the section page are relative to the folder, so the folder form of the address is the only one. */
    @GetMapping("/opendata")
    String sectionWithoutSlash() {
        return "redirect:/opendata/";
    }

    /**
     * A search or filtered registry names the section as its canonical page: search engines index the section, not
     * each query. Search and filters are plain GET parameters, so any result has an address to share.
     */
    @GetMapping("/opendata/")
    ModelAndView section(@RequestParam(name = "q", required = false) String query,
                         @RequestParam(name = "owner", required = false) String owner,
                         @RequestParam(name = "subject", required = false) String subject) {
        return new ModelAndView("opendata/index", "page", pages.section(new SectionFilter(query, owner, subject)))
                .addObject(CANONICAL, urls.section());
    }

    /**
     * As for the section: the passport page links its files relatively. The pattern only admits the shape of an
     * identifier, so top-level files such as {@code list.csv} never reach this method.
     */
    @GetMapping("/opendata/{identifier:[0-9]+-[A-Za-z0-9_]+}")
    ModelAndView datasetWithoutSlash(@PathVariable String identifier) {
        if (!OpendataPages.isIdentifier(identifier)) {
            return notFound();
        }
        return new ModelAndView("redirect:/opendata/" + identifier + "/");
    }

    @GetMapping("/opendata/{identifier}/")
    ModelAndView dataset(@PathVariable String identifier) {
        return pages.dataset(identifier)
                .map(page -> new ModelAndView("opendata/dataset", "page", page).addObject(CANONICAL, urls.dataset(identifier)))
                .orElseGet(OpendataPagesController::notFound);
    }

    private static ModelAndView notFound() {
        ModelAndView view = new ModelAndView("opendata/not-found");
        view.setStatus(HttpStatus.NOT_FOUND);
        return view;
    }
}
