package ru.gov.tomsk.opendata.programme;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.CatalogRepository;

/** Where the region stands against its open-data plan, as of now: every {@link ProgrammePart} and the worst verdict. */
@Component
public class ProgrammeStatus {

    private final ObjectProvider<ProgrammePart> parts;
    private final Clock clock;
    private final ZoneId zone;
    private final CatalogRepository catalog;

    public ProgrammeStatus(ObjectProvider<ProgrammePart> parts, Clock clock, OpendataProperties opendata,
                           CatalogRepository catalog) {
        this.parts = parts;
        this.catalog = catalog;
        this.clock = clock;
        this.zone = opendata.timeZone();
    }

    /**
     * A part with its figures, computed once for a page.
     *
     * @param dataset the identifier of the dataset that publishes the figures, once it has a published version
     *                (before its feed's first run the pages say when it comes instead of linking to nothing)
     */
    public record Row(ProgrammePart part, ProgrammePart.Figures figures, String dataset) {
    }

    /**
     * @param date    the day the figures are for, in the region's calendar
     * @param verdict the worst verdict of the parts: the plan is met only if every obligation is
     */
    public record Snapshot(LocalDate date, Verdict verdict, List<Row> rows) {
    }

    public Snapshot now() {
        List<Row> rows = parts.orderedStream()
                .sorted(Comparator.comparingInt(ProgrammePart::order))
                .map(part -> new Row(part, part.figures(), published(part.datasetId())))
                .toList();
        Verdict verdict = rows.isEmpty() ? Verdict.NO_DATA : Verdict.MET;
        for (Row row : rows) {
            verdict = verdict.worst(row.figures().verdict());
        }
        return new Snapshot(clock.instant().atZone(zone).toLocalDate(), verdict, rows);
    }

    private String published(String identifier) {
        return identifier == null || catalog.dataVersions(identifier).isEmpty() ? null : identifier;
    }
}
