package ru.gov.tomsk.opendata.ops.console;

import java.util.List;

import ru.gov.tomsk.opendata.catalog.DataVersion;
import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.HeldVersion;
import ru.gov.tomsk.opendata.catalog.QuarantineEntry;
import ru.gov.tomsk.opendata.ops.FeedStatus;
import ru.gov.tomsk.opendata.publish.Delivery;

/**
 * Everything the page of one feed shows.
 *
 * @param detail          what follows the Russian reason ({@link ConsoleText#detail}), server paths removed
 * @param loaded          the feed file is loaded, so the feed can run and be dry-run
 * @param quarantineRun   the newest run that rejected records, if any of the listed runs did
 * @param quarantine      its first rejected records
 * @param quarantineTotal how many it rejected in all
 */
public record FeedPage(FeedStatus status, String detail, boolean loaded, List<FeedRun> runs, RowsChart chart,
                       FeedRun quarantineRun, List<QuarantineEntry> quarantine, long quarantineTotal,
                       List<DataVersion> versions, List<HeldVersion> held, List<Delivery> deliveries,
                       int dryRunRows, int dryRunMaxRows) {

    static final int RUNS = 50;
    static final int QUARANTINE_ROWS = 200;
    static final int VERSIONS = 30;
    static final int DELIVERIES = 50;

    public boolean running() {
        return !runs.isEmpty() && runs.get(0).status() == ru.gov.tomsk.opendata.catalog.RunStatus.RUNNING;
    }

    /** The newest run that has ended: its value clean-up is shown in detail. */
    public FeedRun cleanupRun() {
        return runs.stream().filter(r -> r.status() != ru.gov.tomsk.opendata.catalog.RunStatus.RUNNING).findFirst()
                .orElse(null);
    }

    public boolean quarantineClipped() {
        return quarantineTotal > quarantine.size();
    }
}
