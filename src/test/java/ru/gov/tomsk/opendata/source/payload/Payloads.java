package ru.gov.tomsk.opendata.source.payload;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Test helpers: read a payload whole (fine for the small fixtures here), and build expected records. */
final class Payloads {

    private Payloads() {
    }

    static List<Map<String, Object>> readAll(PayloadReader reader, byte[] payload, String name) {
        return readAll(reader, new ByteArrayInputStream(payload), name);
    }

    static List<Map<String, Object>> readAll(PayloadReader reader, InputStream payload, String name) {
        List<Map<String, Object>> records = new ArrayList<>();
        try (RecordStream stream = reader.open(payload, name)) {
            stream.forEachRemaining(records::add);
        }
        return records;
    }

    /** A record in column order; values alternate with names: "ИНН", "7017069388", "Сумма", null. */
    static Map<String, Object> record(Object... namesAndValues) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            record.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return record;
    }

    /** Asserts reading fails with a {@link PayloadException} and returns its message for further checks. */
    static String failure(PayloadReader reader, byte[] payload, String name) {
        return failure(() -> readAll(reader, payload, name));
    }

    static String failure(ThrowingCallable reading) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(reading).isInstanceOf(PayloadException.class).satisfies(t -> caught[0] = t);
        return caught[0].getMessage();
    }
}
