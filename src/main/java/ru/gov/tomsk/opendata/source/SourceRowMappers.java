package ru.gov.tomsk.opendata.source;

import org.apache.camel.component.sql.RowMapperFactory;
import org.springframework.jdbc.core.BeanPropertyRowMapper;
import org.springframework.jdbc.core.RowMapper;

/**
 * {@code #sourceRowMappers}: the {@code rowMapperFactory} of every sql source endpoint (the sql-source Kamelet and
 * dry runs), so that rows come as {@link SourceRowMapper} makes them.
 */
public final class SourceRowMappers implements RowMapperFactory {

    public static final String BEAN = "sourceRowMappers";

    @Override
    public RowMapper<?> newColumnRowMapper() {
        return new SourceRowMapper();
    }

    /** Not used by the sql sources (they never set {@code outputClass}); as camel-sql's default. */
    @Override
    public RowMapper<?> newBeanRowMapper(Class<?> type) {
        return new BeanPropertyRowMapper<>(type);
    }
}
