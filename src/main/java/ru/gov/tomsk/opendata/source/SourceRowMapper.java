package ru.gov.tomsk.opendata.source;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Locale;

import org.springframework.jdbc.core.ColumnMapRowMapper;

/**
 * One row of a sql source as camel-sql's default mapper makes it (Spring's {@link ColumnMapRowMapper}: a
 * case-insensitive map keyed by column label), except that date and time columns are read as {@code java.time}
 * values (JDBC 4.2 {@code getObject(i, type)}): {@code timestamp with time zone} as {@link OffsetDateTime},
 * {@code timestamp} as {@link LocalDateTime}, {@code date} as {@link LocalDate}, times as {@link LocalTime} or
 * {@link OffsetTime}.
 *
 * <p>Why: {@code getObject(i)} hands these over as {@code java.sql.Timestamp}/{@code Date}/{@code Time}, which the
 * driver builds in the JVM's default zone; a {@code timestamptz} became a wall-clock time of whatever zone the JVM
 * ran in, and was then labelled with the region's zone. {@code java.time} values carry exactly what the database
 * holds, so the conversion to {@code opendata.time-zone} (ValueConverter) is the only one.
 *
 * <p>camel-sql asks its row mapper factory for a new mapper per query ({@link SourceRowMappers}), so the column
 * types, read once from the first row's metadata, belong to one result set.
 */
final class SourceRowMapper extends ColumnMapRowMapper {

    /** Per column (0-based): the java.time type to read it as, or {@code null} to read it as Spring does. */
    private Class<?>[] javaTimeTypes;

    @Override
    protected Object getColumnValue(ResultSet rs, int index) throws SQLException {
        if (javaTimeTypes == null) {
            javaTimeTypes = javaTimeTypes(rs.getMetaData());
        }
        Class<?> type = javaTimeTypes[index - 1];
        return type == null ? super.getColumnValue(rs, index) : rs.getObject(index, type);
    }

    private static Class<?>[] javaTimeTypes(ResultSetMetaData metaData) throws SQLException {
        Class<?>[] types = new Class<?>[metaData.getColumnCount()];
        for (int i = 0; i < types.length; i++) {
            types[i] = javaTimeType(metaData.getColumnType(i + 1), metaData.getColumnTypeName(i + 1));
        }
        return types;
    }

    /** The java.time type of a column, from its JDBC type and the database's own type name. */
    static Class<?> javaTimeType(int jdbcType, String typeName) {
        return switch (jdbcType) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> OffsetDateTime.class;
            case Types.TIMESTAMP -> withZone(typeName) ? OffsetDateTime.class : LocalDateTime.class;
            case Types.DATE -> LocalDate.class;
            case Types.TIME_WITH_TIMEZONE -> OffsetTime.class;
            case Types.TIME -> withZone(typeName) ? OffsetTime.class : LocalTime.class;
            default -> null;
        };
    }

    /**
     * PostgreSQL's driver reports {@code timestamptz} and {@code timetz} as plain {@code TIMESTAMP} and {@code TIME};
     * only the type name tells them apart. Read as local, a {@code timestamptz} would lose its instant.
     */
    private static boolean withZone(String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        return name.endsWith("tz") || name.contains("time zone");
    }
}
