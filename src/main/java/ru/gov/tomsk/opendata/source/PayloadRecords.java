package ru.gov.tomsk.opendata.source;

import java.io.InputStream;

import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.support.SynchronizationAdapter;

import ru.gov.tomsk.opendata.feed.DatasetPipeline;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.source.payload.PayloadReader;
import ru.gov.tomsk.opendata.source.payload.PayloadSpec;
import ru.gov.tomsk.opendata.source.payload.RecordStream;

/**
 * Turns a payload in the exchange body (a dropped file) into records for {@code direct:dataset}, read while the
 * pipeline iterates them, so a file of any size runs in constant memory. How to read it comes from the source
 * options of the feed named by the {@value DatasetPipeline#FEED_HEADER} header ({@code format}, {@code separator},
 * {@code charset}, …; see {@link PayloadSpec#of}). A bad payload fails with a
 * {@link ru.gov.tomsk.opendata.source.payload.PayloadException} naming the file and the line, row or path.
 */
public class PayloadRecords {

    /** Name the route templates refer to. */
    public static final String BEAN = "payloadRecords";

    private final FeedRegistry registry;

    public PayloadRecords(FeedRegistry registry) {
        this.registry = registry;
    }

    /**
     * Replaces the body with a {@link RecordStream} over it. Messages of a malformed payload name the file
     * ({@code CamelFileNameOnly}) and the line, row or path. The pipeline closes the stream once it has read it;
     * the exchange's completion closes it in any case (closing twice is harmless), before the file consumer moves
     * the file to {@code .done} or {@code .error}.
     */
    public void open(Exchange exchange) throws Exception {
        String feedId = exchange.getIn().getHeader(DatasetPipeline.FEED_HEADER, String.class);
        FeedDefinition feed = registry.feed(feedId)
                .orElseThrow(() -> new IllegalStateException("no valid feed named '" + feedId + "' is loaded"));
        PayloadSpec spec;
        try {
            // only the options the feed wrote: PayloadSpec applies the same defaults the kinds document
            spec = PayloadSpec.of(feed.source().options());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(feed.file().getFileName() + ": source: " + e.getMessage(), e);
        }
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        PayloadReader reader = spec.reader();
        // from here the reader owns the stream: it closes it, also when it cannot open it
        InputStream in = exchange.getIn().getMandatoryBody(InputStream.class);
        RecordStream records = reader.open(in, name == null ? "payload" : name);
        exchange.getExchangeExtension().addOnCompletion(new CloseOnCompletion(records));
        exchange.getIn().setBody(records);
    }

    /** Runs before the file consumer's own completion (which moves the file): nothing holds the file open then. */
    private static final class CloseOnCompletion extends SynchronizationAdapter {
        private final RecordStream records;

        CloseOnCompletion(RecordStream records) {
            this.records = records;
        }

        @Override
        public void onDone(Exchange exchange) {
            records.close();
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST;
        }
    }
}
