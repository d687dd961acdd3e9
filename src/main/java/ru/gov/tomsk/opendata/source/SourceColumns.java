package ru.gov.tomsk.opendata.source;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import ru.gov.tomsk.opendata.pipeline.DatasetPipeline;

/**
 * A source's records as a dry run reads them, remembering the columns its first record names: what a draft's
 * fields are compared with, also when the comparison is why the run failed (a field's column is missing).
 */
final class SourceColumns implements Iterator<Object>, AutoCloseable {

    private final Iterator<?> records;
    private volatile List<String> columns = List.of();

    SourceColumns(Object body) {
        this.records = DatasetPipeline.records(body);
    }

    /** In the source's order; empty until a record was read. */
    List<String> columns() {
        return columns;
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public Object next() {
        Object record = records.next();
        if (columns.isEmpty() && record instanceof Map<?, ?> map) {
            List<String> names = new ArrayList<>();
            map.keySet().forEach(key -> names.add(String.valueOf(key)));
            columns = List.copyOf(names);
        }
        return record;
    }

    @Override
    public void close() throws Exception {
        if (records instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
