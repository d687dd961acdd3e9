package ru.gov.tomsk.opendata.catalog.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

import ru.gov.tomsk.opendata.programme.mandates.MandateCoverage;

/**
 * «Обязательные перечни» ({@code /opendata/mandates/}, public): the coverage of the mandated lists, item by item,
 * with links to the passport pages of the datasets that fulfil them (docs/mandates.md). The literal path wins over
 * the dataset pattern, and no identifier can be {@code mandates} (it starts with ten digits).
 */
@Controller
class MandatesPageController {

    private final MandateCoverage coverage;
    private final OpendataPagesProperties settings;
    private final SiteUrls urls;

    MandatesPageController(MandateCoverage coverage, OpendataPagesProperties settings, SiteUrls urls) {
        this.coverage = coverage;
        this.settings = settings;
        this.urls = urls;
    }

    @ModelAttribute("site")
    OpendataPagesProperties site() {
        return settings;
    }

    @GetMapping("/opendata/mandates")
    String withoutSlash() {
        return "redirect:/opendata/mandates/";
    }

    @GetMapping("/opendata/mandates/")
    ModelAndView page() {
        return new ModelAndView("opendata/mandates", "coverage", coverage.now())
                .addObject(OpendataPagesController.CANONICAL, urls.section() + "mandates/");
    }
}
