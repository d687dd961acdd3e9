package ru.gov.tomsk.opendata.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import ru.gov.tomsk.opendata.feed.DatasetPreview;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.source.SourceRowMappers;
import ru.gov.tomsk.opendata.source.http.HttpRecords;
import ru.gov.tomsk.opendata.source.payload.PayloadSpec;
import ru.gov.tomsk.opendata.source.payload.RecordStream;

/**
 * {@code direct:opendata-dry-run}: the source step of a feed's route template, then {@link DatasetPreview} instead
 * of {@code direct:dataset}. The source step is the template's own component or reader (camel-sql streaming a
 * query, {@link HttpRecords}, the feed's {@link PayloadSpec} reader), so a dry run reads records exactly as a run
 * does; only a file drop is picked without the file consumer, which would archive it ({@link DryRunFileDrop}).
 * The feed travels in the exchange, so a posted feed file that is not installed can be tried the same way.
 *
 * <p>It has no route configuration: the feed routes' {@code feed-source} configurations open and record runs,
 * which a dry run must never do. Errors go back to {@link DryRuns}, which reports them.
 */
class DryRunRoute extends RouteBuilder {

    static final String ENDPOINT = "direct:opendata-dry-run";
    static final String KIND = "OpendataDryRunKind";
    static final String DATASOURCE = "OpendataDryRunDatasource";
    static final String FETCH_SIZE = "OpendataDryRunFetchSize";
    static final String FEED = "OpendataDryRunFeed";
    static final String MAX_ROWS = "OpendataDryRunMaxRows";
    static final String SCRATCH = "OpendataDryRunScratch";
    static final String SOURCE = "OpendataDryRunSource";
    /** Set once the source step is done: a failure after it is the pipeline's, not the source's. */
    static final String READING = "OpendataDryRunReading";

    private final DatasetPreview preview;
    private final HttpRecords httpRecords;
    private final DryRunFileDrop drops = new DryRunFileDrop();

    DryRunRoute(DatasetPreview preview, HttpRecords httpRecords) {
        this.preview = preview;
        this.httpRecords = httpRecords;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("dry-run")
                .errorHandler(noErrorHandler())
                .choice()
                    .when(header(KIND).isEqualTo("sql"))
                        // as sql-source.camel.yaml: the query in the body, streamed row by row
                        .toD("sql:query-from-body?dataSource=#${header." + DATASOURCE + "}&useMessageBodyForSql=true"
                                + "&outputType=StreamList&fetchSize=${header." + FETCH_SIZE + "}"
                                + "&rowMapperFactory=#" + SourceRowMappers.BEAN)
                    .when(header(KIND).isEqualTo("http"))
                        // the bean http-source.camel.yaml calls, given the feed itself (it may be a posted file)
                        .process(this::openHttp)
                    .when(header(KIND).isEqualTo("file"))
                        .process(this::openFile)
                .end()
                .process(this::preview);
    }

    private void openHttp(Exchange exchange) {
        exchange.getIn().setBody(httpRecords.openFeed(exchange.getProperty(FEED, FeedDefinition.class)));
    }

    /** As PayloadRecords.open (which finds the feed in the registry; a posted feed is not there). */
    private void openFile(Exchange exchange) throws Exception {
        FeedDefinition feed = exchange.getProperty(FEED, FeedDefinition.class);
        Map<String, String> options = feed.source().options();
        PayloadSpec spec;
        try {
            spec = PayloadSpec.of(options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(feed.file().getFileName() + ": source: " + e.getMessage(), e);
        }
        DryRunFileDrop.Pick pick = drops.pick(options);
        exchange.setProperty(SOURCE, pick.describe());
        // the reader owns the stream from here; the preview closes the records when it has read them
        RecordStream records = spec.reader().open(Files.newInputStream(pick.file()), pick.file().getFileName().toString());
        exchange.getIn().setBody(records);
    }

    private void preview(Exchange exchange) throws Exception {
        exchange.setProperty(READING, true);
        FeedDefinition feed = exchange.getProperty(FEED, FeedDefinition.class);
        int maxRows = exchange.getProperty(MAX_ROWS, Integer.class);
        Path scratch = exchange.getProperty(SCRATCH, Path.class);
        exchange.getMessage().setBody(preview.preview(feed, exchange.getMessage().getBody(), maxRows, scratch));
    }
}
