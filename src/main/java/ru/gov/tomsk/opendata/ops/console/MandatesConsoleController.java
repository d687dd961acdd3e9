package ru.gov.tomsk.opendata.ops.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import ru.gov.tomsk.opendata.programme.mandates.CoverageState;
import ru.gov.tomsk.opendata.programme.mandates.MandateCoverage;

/**
 * «Перечни» ({@code /admin/mandates}, VIEWER and up): the coverage of every mandated list, the covering feeds with
 * links to their console pages, and the catalogue files that could not be read (docs/mandates.md). Read-only: the
 * catalogue is edited in its files.
 */
@Controller
class MandatesConsoleController {

    private final MandateCoverage coverage;

    MandatesConsoleController(MandateCoverage coverage) {
        this.coverage = coverage;
    }

    @GetMapping("/admin/mandates")
    String page(Model model) {
        model.addAttribute("coverage", coverage.now());
        model.addAttribute("states", CoverageState.values());
        return "admin/mandates";
    }
}
