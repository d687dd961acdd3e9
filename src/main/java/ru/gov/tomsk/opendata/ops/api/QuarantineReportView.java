package ru.gov.tomsk.opendata.ops.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import ru.gov.tomsk.opendata.catalog.QuarantineEntry;

/** The records a run rejected, with where they were and why. */
@Schema(name = "QuarantineReport", description = "The records a run rejected; never published")
public record QuarantineReportView(long runId, String feedId,
                                   @Schema(description = "rows of the report, in source order") List<Row> rows) {

    @Schema(name = "QuarantineRow")
    public record Row(@Schema(description = "1-based record number in the source") long row,
                      @Schema(nullable = true, example = "id=4", description = "the record's key, whenever its key fields "
                              + "converted (also when a later value failed)")
                      String key,
                      @Schema(nullable = true, example = "phone") String field,
                      @Schema(nullable = true, example = "8-800") String value,
                      @Schema(example = "field phone, value '8-800': does not match the pattern \\+7 \\d{4} \\d{6}",
                              description = "why, naming the field and the value") String reason) {

        static Row of(QuarantineEntry e) {
            return new Row(e.row(), e.key(), e.field(), e.value(), e.reason());
        }
    }
}
