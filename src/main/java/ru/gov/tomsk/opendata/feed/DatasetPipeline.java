package ru.gov.tomsk.opendata.feed;

import java.io.OutputStream;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.catalog.CommitResult;
import ru.gov.tomsk.opendata.catalog.DataVersion;
import ru.gov.tomsk.opendata.catalog.RunCounts;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.catalog.StagedData;
import ru.gov.tomsk.opendata.dataset.RecordMapper;
import ru.gov.tomsk.opendata.dataset.RejectedValueException;
import ru.gov.tomsk.opendata.dataset.ValueConverter;
import ru.gov.tomsk.opendata.format.CsvDataWriter;

/**
 * {@code direct:dataset}: one streaming pass from source records to a committed version.
 * The body is an iterator (or iterable) of records, each a map of source column to value; the header
 * {@value #FEED_HEADER} names the feed. Records are never collected: each is mapped, checked and
 * written as it arrives, so a source of any size runs in constant memory.
 */
public class DatasetPipeline {

    public static final String FEED_HEADER = "OpendataFeed";
    private static final Logger LOG = LoggerFactory.getLogger(DatasetPipeline.class);
    private static final int LOGGED_REJECTS = 10;

    private final FeedRegistry registry;
    private final Catalog catalog;
    private final RunLog runLog;
    private final ZoneId zone;

    public DatasetPipeline(FeedRegistry registry, Catalog catalog, RunLog runLog, ZoneId zone) {
        this.registry = registry;
        this.catalog = catalog;
        this.runLog = runLog;
        this.zone = zone;
    }

    public void run(Exchange exchange) {
        String feedId = exchange.getIn().getHeader(FEED_HEADER, String.class);
        FeedDefinition feed = registry.feed(feedId)
                .orElseThrow(() -> new IllegalStateException("no valid feed named '" + feedId + "' is loaded"));
        long runId = runLog.start(feedId);
        RunCounts counts = new RunCounts();
        try (StagedData staged = catalog.stage(feedId)) {
            RecordMapper mapper = new RecordMapper(feed.structure(), new ValueConverter(zone));
            String fingerprint;
            try (OutputStream out = staged.open(); CsvDataWriter writer = new CsvDataWriter(out, feed.structure())) {
                Iterator<?> records = records(exchange.getIn().getBody());
                while (records.hasNext()) {
                    Object record = records.next();
                    counts.countRead();
                    try {
                        writer.write(mapper.map(asMap(record)));
                        counts.countWritten();
                    } catch (RejectedValueException e) {
                        counts.countRejected();
                        if (counts.rejected() <= LOGGED_REJECTS) {
                            LOG.warn("Feed {}: record {} rejected: field '{}' value '{}': {}", feedId, counts.read(),
                                    e.field(), e.value(), e.reason());
                        }
                    }
                }
                fingerprint = writer.finish();
            }
            if (!mapper.unknownColumns().isEmpty()) {
                LOG.info("Feed {}: source columns {} are not in the structure and were ignored", feedId, mapper.unknownColumns());
            }
            refuseEmptyReplacement(feed, counts);
            CommitResult result = catalog.commit(feed.passport(), feed.frequency(), feed.structure(), staged, fingerprint,
                    counts.written(), provenance(counts, feedId));
            RunStatus status = result.created() ? RunStatus.PUBLISHED : RunStatus.UNCHANGED;
            String message = counts.rejected() > 0 ? counts.rejected() + " record(s) rejected" : null;
            runLog.finish(runId, status, counts, result.dataVersion(), message);
            LOG.info("Feed {}: {} — {} read, {} written, {} rejected; version {}, valid until {}", feedId, status,
                    counts.read(), counts.written(), counts.rejected(), result.dataVersion(), result.valid());
        } catch (Exception e) {
            String reason = FeedRunFailedException.describe(e);
            runLog.finish(runId, RunStatus.FAILED, counts, null, reason);
            throw new FeedRunFailedException(feedId, e);
        }
    }

    private void refuseEmptyReplacement(FeedDefinition feed, RunCounts counts) {
        if (counts.written() == 0 && !feed.allowEmpty()) {
            catalog.latest(feed.identifier()).filter(v -> v.rowCount() > 0).ifPresent(v -> {
                throw new IllegalStateException("the source returned no usable records while version " + v.version()
                        + " has " + v.rowCount() + "; the published version is kept (set allowEmpty: true if empty is legitimate)");
            });
        }
    }

    private String provenance(RunCounts counts, String feedId) {
        boolean first = catalog.latest(feedId).map(DataVersion::version).isEmpty();
        return (first ? "Первая публикация" : "Обновление данных") + ": " + counts.written() + " " + records(counts.written());
    }

    static String records(long n) {
        long mod100 = n % 100;
        long mod10 = n % 10;
        if (mod100 >= 11 && mod100 <= 14) {
            return "записей";
        }
        return mod10 == 1 ? "запись" : mod10 >= 2 && mod10 <= 4 ? "записи" : "записей";
    }

    private static Iterator<?> records(Object body) {
        if (body == null) {
            return Collections.emptyIterator();
        }
        if (body instanceof Iterator<?> iterator) {
            return iterator;
        }
        if (body instanceof Iterable<?> iterable) {
            return iterable.iterator();
        }
        if (body instanceof Map<?, ?> single) {
            return Collections.singletonList(single).iterator();
        }
        throw new IllegalArgumentException("the source delivered " + body.getClass().getName()
                + "; expected records (an iterator or list of column→value maps)");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asMap(Object record) {
        if (record instanceof Map<?, ?> map) {
            return (Map<String, ?>) map;
        }
        throw new IllegalArgumentException("a source record is " + record.getClass().getName() + ", not a column→value map");
    }
}
