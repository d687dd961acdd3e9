package ru.gov.tomsk.opendata.ops.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import ru.gov.tomsk.opendata.ops.FeedCondition;
import ru.gov.tomsk.opendata.ops.FeedStatuses;

/** The console's first page: every feed, where it stands, what is due, filtered by a plain GET form. */
@Controller
class OverviewController {

    private final FeedStatuses statuses;
    private final ConsoleText text;

    OverviewController(FeedStatuses statuses, ConsoleText text) {
        this.statuses = statuses;
        this.text = text;
    }

    @GetMapping({"/admin", "/admin/"})
    String overview(@RequestParam(name = "q", required = false) String query,
                    @RequestParam(name = "condition", required = false) String condition,
                    Model model) {
        model.addAttribute("page", Overview.of(statuses.all(), query, condition, text));
        model.addAttribute("conditions", FeedCondition.values());
        return "admin/overview";
    }
}
