package ru.gov.tomsk.opendata.catalog.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * The guide for departments at {@code /opendata/guide/}: public, like the whole section, because the region's plan
 * requires the instructions to be published. The literal path wins over the dataset pattern of
 * {@link OpendataPagesController}, and no identifier can be {@code guide} (it starts with ten digits).
 */
@Controller
class GuideController {

    private final Guide guide;
    private final OpendataPagesProperties settings;
    private final SiteUrls urls;

    GuideController(Guide guide, OpendataPagesProperties settings, SiteUrls urls) {
        this.guide = guide;
        this.settings = settings;
        this.urls = urls;
    }

    @ModelAttribute("site")
    OpendataPagesProperties site() {
        return settings;
    }

    @GetMapping("/opendata/guide")
    String guideWithoutSlash() {
        return "redirect:/opendata/guide/";
    }

    @GetMapping("/opendata/guide/")
    ModelAndView guide() {
        return new ModelAndView("opendata/guide", "guide", guide.page())
                .addObject(OpendataPagesController.CANONICAL, urls.section() + "guide/");
    }
}
