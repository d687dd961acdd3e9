package ru.gov.tomsk.opendata.catalog.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

import ru.gov.tomsk.opendata.programme.ProgrammeStatus;

/**
 * The public page «Выполнение плана по открытым данным» at {@code /opendata/programme/}: the same obligations and
 * figures as the console's, for citizens, each with the open dataset that publishes it. The literal path wins over
 * the dataset pattern of {@link OpendataPagesController} (an identifier starts with ten digits).
 */
@Controller
class ProgrammePageController {

    private final ProgrammeStatus status;
    private final OpendataPagesProperties settings;
    private final SiteUrls urls;

    ProgrammePageController(ProgrammeStatus status, OpendataPagesProperties settings, SiteUrls urls) {
        this.status = status;
        this.settings = settings;
        this.urls = urls;
    }

    @ModelAttribute("site")
    OpendataPagesProperties site() {
        return settings;
    }

    @GetMapping("/opendata/programme")
    String withoutSlash() {
        return "redirect:/opendata/programme/";
    }

    @GetMapping("/opendata/programme/")
    ModelAndView programme() {
        return new ModelAndView("opendata/programme", "programme", status.now())
                .addObject(OpendataPagesController.CANONICAL, urls.section() + "programme/");
    }
}
