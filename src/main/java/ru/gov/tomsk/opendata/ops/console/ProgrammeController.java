package ru.gov.tomsk.opendata.ops.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

import ru.gov.tomsk.opendata.programme.ProgrammeStatus;

/**
 * «Выполнение плана»: the one console page that answers "are we meeting the plan?", an obligation per row with its
 * figures, a link to its details and to the open data that publishes the same figures. Every signed-in role reads it.
 */
@Controller
class ProgrammeController {

    private final ProgrammeStatus status;

    ProgrammeController(ProgrammeStatus status) {
        this.status = status;
    }

    @GetMapping("/admin/programme")
    ModelAndView programme() {
        return new ModelAndView("admin/programme", "programme", status.now());
    }
}
