package ru.gov.tomsk.opendata.source;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.Variables;
import org.apache.camel.support.SynchronizationAdapter;

import ru.gov.tomsk.opendata.source.payload.PayloadReader;
import ru.gov.tomsk.opendata.source.payload.PayloadSpec;
import ru.gov.tomsk.opendata.source.payload.RecordStream;

/**
 * Turns a payload in the exchange body (a dropped file) into records for {@code direct:dataset}, read while the
 * pipeline iterates them, so a file of any size runs in constant memory. How to read it comes from the Kamelet,
 * which sets the payload options ({@code format}, {@code separator}, {@code charset}, …; see {@link PayloadSpec#of})
 * as exchange variables. A bad payload fails with a {@link ru.gov.tomsk.opendata.source.payload.PayloadException}
 * naming the file and the line, row or path.
 */
public class PayloadRecords {

    /** Name the Kamelets refer to. */
    public static final String BEAN = "payloadRecords";

    /**
     * Replaces the body with a {@link RecordStream} over it. Messages of a malformed payload name the file
     * ({@code CamelFileNameOnly}) and the line, row or path. The pipeline closes the stream once it has read it;
     * the exchange's completion closes it in any case (closing twice is harmless), before the file consumer moves
     * the file to {@code .done} or {@code .error}.
     *
     * @param options the payload options as the Kamelet sets them, its defaults included
     */
    public void open(Exchange exchange, @Variables Map<String, Object> options) throws Exception {
        PayloadSpec spec = PayloadSpec.of(text(options));
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        PayloadReader reader = spec.reader();
        // from here the reader owns the stream: it closes it, also when it cannot open it
        InputStream in = exchange.getIn().getMandatoryBody(InputStream.class);
        RecordStream records = reader.open(in, name == null ? "payload" : name);
        exchange.getExchangeExtension().addOnCompletion(new CloseOnCompletion(records));
        exchange.getIn().setBody(records);
    }

    /** The options as text; an option the feed left empty is not given. */
    public static Map<String, String> text(Map<String, Object> variables) {
        Map<String, String> options = new HashMap<>();
        variables.forEach((name, value) -> {
            if (value != null && !value.toString().isEmpty()) {
                options.put(name, value.toString());
            }
        });
        return options;
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
