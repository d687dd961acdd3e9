package ru.gov.tomsk.opendata.programme.mandates;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.gov.tomsk.opendata.feed.FeedProblem;

/** {@code GET /api/admin/mandates}: the coverage of the mandated lists, as the console's «Перечни» shows it. */
@RestController
@Tag(name = "Mandates", description = "Coverage of the mandated lists (docs/mandates.md)")
class MandatesApiController {

    private final MandateCoverage coverage;

    MandatesApiController(MandateCoverage coverage) {
        this.coverage = coverage;
    }

    @GetMapping("/api/admin/mandates")
    @Operation(summary = "Coverage of the mandated lists",
            description = "Every list of the catalogue (config/mandates) with each item's state (CURRENT, AT_RISK, "
                    + "OVERDUE, NOT_COVERED), the feeds that declare it and, for coordinate items, whether coordinates "
                    + "are published; and the catalogue files that could not be read.")
    @ApiResponse(responseCode = "200", description = "the coverage now")
    CoverageView coverage() {
        Coverage now = coverage.now();
        return new CoverageView(now.demo(), labels(now.counts()), now.lists().stream().map(MandatesApiController::list)
                .toList(), now.broken().stream().map(b -> new BrokenFileView(b.fileName(),
                b.problems().stream().map(ProblemView::of).toList())).toList());
    }

    private static Map<String, Integer> labels(Map<CoverageState, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.forEach((state, n) -> out.put(state.name(), n));
        return out;
    }

    private static ListView list(Coverage.ListCoverage l) {
        MandateList list = l.list();
        return new ListView(list.id(), list.title(), list.act() == null ? null : new ActView(list.act().name(),
                list.act().date(), list.act().number()), list.demo(), list.fileName(),
                labels(l.counts()), l.items().stream().map(i -> new ItemView(i.item().number(), i.reference(),
                i.item().wording(), i.item().coordinates(), i.item().frequency().word(), i.item().reference(),
                i.item().owner(), i.state(), i.state().russian(), i.feeds().stream().map(f -> new FeedView(
                f.identifier(), f.title(), f.published(), f.state(), f.deadline(), f.geo(), f.coordinates(),
                f.reference())).toList(), i.coordinates())).toList());
    }

    @Schema(description = "The coverage of the catalogue")
    record CoverageView(@Schema(description = "whether a list shown is the project's demonstration, not official text")
                        boolean demo,
                        @Schema(description = "items by state, over all lists") Map<String, Integer> counts,
                        List<ListView> lists, List<BrokenFileView> broken) {
    }

    record ActView(String name, LocalDate date, String number) {
    }

    record ListView(String id, String title, ActView act, boolean demo, String file, Map<String, Integer> counts,
                    List<ItemView> items) {
    }

    record ItemView(int number, @Schema(description = "how a feed names it: <list>/<number>") String mandate,
                    String wording, boolean coordinatesRequired,
                    @Schema(description = "daily, weekly, monthly, quarterly or yearly") String frequency,
                    @Schema(description = "a reference book or classifier") boolean reference,
                    @Schema(description = "ИНН of the department the catalogue names, if any") String owner,
                    CoverageState state, String stateText, List<FeedView> feeds,
                    @Schema(description = "coordinate items only: whether coordinates are published; null otherwise")
                    Boolean coordinatesPublished) {
    }

    record FeedView(String identifier, String title, boolean published, CoverageState state, LocalDate deadline,
                    boolean geo, boolean coordinates, boolean reference) {
    }

    record BrokenFileView(String file, List<ProblemView> problems) {
    }

    record ProblemView(int line, int column, String field, String message, String russian) {
        static ProblemView of(FeedProblem p) {
            return new ProblemView(p.line(), p.column(), p.field(), p.message(), p.russian());
        }
    }
}
