package ru.gov.tomsk.opendata.pipeline;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.catalog.QuarantineEntry;
import ru.gov.tomsk.opendata.catalog.RunCounts;
import ru.gov.tomsk.opendata.dataset.RecordChecker;
import ru.gov.tomsk.opendata.dataset.RecordMapper;
import ru.gov.tomsk.opendata.dataset.RejectedValueException;
import ru.gov.tomsk.opendata.dataset.RowIndex;
import ru.gov.tomsk.opendata.dataset.ValueConverter;
import ru.gov.tomsk.opendata.format.CsvDataWriter;
import ru.gov.tomsk.opendata.format.DataFileWriter;
import ru.gov.tomsk.opendata.format.DataFormat;

/**
 * The single pass over a source's records: map, check, write every format, index by key. A run writes into its
 * staged version, a dry run into nothing; both go through this one loop, so a dry run shows exactly what a run
 * would publish.
 */
final class RenderPass {

    /** Where the data file of one format goes. */
    interface Outputs {
        OutputStream open(String extension) throws IOException;
    }

    /**
     * @param fingerprint    the content fingerprint of the version these records make
     * @param unknownColumns source columns that are not in the structure (ignored)
     */
    record Rendered(String fingerprint, List<String> unknownColumns) {
    }

    private RenderPass() {
    }

    /**
     * @param rejects     receives rejected records with their reasons, up to {@code rejectLimit}
     * @param accepted    sees each accepted record after it was written
     */
    static Rendered render(FeedDefinition feed, ZoneId zone, Iterator<?> records, Outputs outputs, RowIndex index,
                           RunCounts counts, List<QuarantineEntry> rejects, int rejectLimit, Consumer<String[]> accepted)
            throws IOException {
        RecordMapper mapper = new RecordMapper(feed.structure(), new ValueConverter(zone), counts.cleanup());
        RecordChecker checker = new RecordChecker(feed.structure());
        List<DataFileWriter> writers = new ArrayList<>();
        String csvFingerprint;
        try {
            for (String extension : feed.formats()) {
                writers.add(DataFormat.fromExtension(extension).orElseThrow().open(outputs.open(extension), feed.structure()));
            }
            while (records.hasNext()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("stopped after " + counts.read() + " record(s)");
                }
                Object record = records.next();
                counts.countRead();
                String[] values = null;
                try {
                    values = mapper.map(asMap(record));
                    checker.check(values);
                } catch (RejectedValueException e) {
                    counts.countRejected();
                    counts.cleanup().rejected();
                    if (rejects.size() < rejectLimit) {
                        // a value that failed conversion leaves the key, if the key fields converted, in the exception
                        String[] keyed = values != null ? values
                                : e instanceof RecordMapper.RejectedRecordException r ? r.values() : null;
                        rejects.add(new QuarantineEntry(counts.read(), keyed == null ? null : index.key(keyed),
                                e.field(), e.value(), e.forDepartment()));
                    }
                    continue;
                }
                // every format in the same pass: the source is read once
                for (DataFileWriter writer : writers) {
                    writer.write(values);
                }
                index.add(values, counts.read());
                counts.countWritten();
                counts.cleanup().published();
                accepted.accept(values);
            }
            // the CSV (first, always on) carries the content; the other formats are renderings of it
            csvFingerprint = writers.get(0).finish();
            for (DataFileWriter writer : writers.subList(1, writers.size())) {
                writer.finish();
            }
        } finally {
            for (DataFileWriter writer : writers) {
                writer.close();
            }
        }
        // the published formats are part of the content: adding one is a new version with every file present
        String fingerprint = CsvDataWriter.fingerprint((csvFingerprint + "|" + String.join(",", feed.formats()))
                .getBytes(StandardCharsets.UTF_8));
        return new Rendered(fingerprint, mapper.unknownColumns());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asMap(Object record) {
        if (record instanceof Map<?, ?> map) {
            return (Map<String, ?>) map;
        }
        throw new IllegalArgumentException("a source record is " + record.getClass().getName() + ", not a column→value map");
    }
}
