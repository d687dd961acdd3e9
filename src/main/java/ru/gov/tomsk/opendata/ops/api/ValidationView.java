package ru.gov.tomsk.opendata.ops.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import ru.gov.tomsk.opendata.feed.FeedProblem;

/** Whether a posted feed file would load, and what is wrong with it. */
@Schema(name = "Validation")
public record ValidationView(@Schema(description = "true when the service would load the file as it is") boolean valid,
                             @Schema(description = "every problem, in file order") List<Problem> problems) {

    @Schema(name = "FeedFileProblem")
    public record Problem(@Schema(description = "1-based; 0 when the whole file is meant") int line,
                          @Schema(description = "1-based; 0 when unknown") int column,
                          @Schema(description = "dotted path of the property, e.g. structure.fields[2].type; empty for "
                                  + "the whole file") String property,
                          @Schema(description = "what is wrong and what to do, in Russian, then «Подробности: » and "
                                  + "the "
                                  + "technical detail") String message,
                          @Schema(description = "the technical detail alone, in English, as the service logs it")
                          String detail) {

        static Problem of(FeedProblem p) {
            return new Problem(p.line(), p.column(), p.field(), p.forDepartment(), p.message());
        }
    }
}
