package ru.gov.tomsk.opendata.source.http;

import java.io.ByteArrayInputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.source.payload.PayloadReader;
import ru.gov.tomsk.opendata.source.payload.RecordStream;

/**
 * The records of an HTTP source, page after page: the next page is fetched only when the pipeline has taken
 * every record of the current one, so at most one page is in memory whatever the size of the dataset.
 *
 * <p>Ends when the {@link Pager} finds no next page. Fails (so the run fails and the published version stays)
 * when more than {@code maxPages} pages would be needed: publishing what was read so far would publish an
 * incomplete dataset as if it were whole.
 */
public final class PagedRecords implements Iterator<Map<String, Object>>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PagedRecords.class);

    private final String feedId;
    private final HttpSourceSpec spec;
    private final Pager pager;
    private final PageFetcher fetcher;
    private final PayloadReader reader;
    private Page page;
    private RecordStream records;
    private long pageRecords;
    private long recordsBefore;
    private int pages;
    private boolean finished;

    PagedRecords(String feedId, HttpSourceSpec spec, PageFetcher fetcher) {
        this.feedId = feedId;
        this.spec = spec;
        this.pager = new Pager(spec);
        this.fetcher = fetcher;
        this.reader = spec.records();
    }

    /** Fetches the first page now, so that an API that refuses or cannot be reached fails before the pipeline starts. */
    PagedRecords start() {
        open(pager.first());
        return this;
    }

    @Override
    public boolean hasNext() {
        while (!finished) {
            if (records == null) {
                start();
            }
            if (records.hasNext()) {
                return true;
            }
            records.close();
            Optional<PageRequest> next = pager.next(page, pageRecords, recordsBefore);
            recordsBefore += pageRecords;
            if (next.isEmpty()) {
                finished = true;
                LOG.info("Feed {}: {} record(s) in {} page(s) from {}", feedId, recordsBefore, pages,
                        spec.redactor().url(spec.url()));
                break;
            }
            if (pages >= spec.maxPages()) {
                finished = true;
                throw new HttpSourceException("the API has more than maxPages " + spec.maxPages() + " pages (" + recordsBefore
                        + " records read, next: " + pager.describe(next.get()) + "); nothing is published, since the"
                        + " data would be incomplete. Raise maxPages if the API really has that many pages.");
            }
            open(next.get());
        }
        return false;
    }

    @Override
    public Map<String, Object> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records from the HTTP source of feed " + feedId);
        }
        pageRecords++;
        return records.next();
    }

    private void open(PageRequest request) {
        String what = pager.describe(request);
        page = fetcher.fetch(request, what);
        pages++;
        pageRecords = 0;
        // 204 or an empty body: a page without records (JSON has no empty document)
        records = page.body().length == 0 ? EmptyRecords.INSTANCE
                : reader.open(new ByteArrayInputStream(page.body()), what);
    }

    @Override
    public void close() {
        finished = true;
        if (records != null) {
            records.close();
        }
    }

    /** Names the source only: the spec's secrets must not reach a log through an exchange dump. */
    @Override
    public String toString() {
        return "records of " + spec.method() + " " + spec.redactor().url(spec.url());
    }

    private enum EmptyRecords implements RecordStream {
        INSTANCE;

        @Override
        public boolean hasNext() {
            return false;
        }

        @Override
        public Map<String, Object> next() {
            throw new NoSuchElementException();
        }

        @Override
        public void close() {
        }
    }
}
