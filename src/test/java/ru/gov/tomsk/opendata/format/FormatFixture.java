package ru.gov.tomsk.opendata.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.FieldType;
import ru.gov.tomsk.opendata.dataset.Passport;
import ru.gov.tomsk.opendata.dataset.Structure;

/**
 * One dataset that exercises every escaping and typing rule at once: Cyrillic, a character outside
 * the BMP, quotes, commas, LF and TAB inside text, markup characters, nulls, every field type,
 * numbers beyond long and double precision (a decimal of 24 digits, the most libxml2 takes), negative
 * values, and coordinates (one record without).
 */
final class FormatFixture {

    static final Structure STRUCTURE = new Structure(List.of("id"), List.of(
            field("id", "Identifier", "Идентификатор", FieldType.INTEGER, true),
            field("name", "Name", "Наименование", FieldType.STRING, true),
            field("note", "Note (as given, <unedited> & \"quoted\")", "Примечание (как есть, <без правки> & \"в кавычках\")",
                    FieldType.STRING, false),
            field("amount", "Amount, roubles", "Сумма, руб.", FieldType.NUMBER, false),
            field("change", "Change since last year", "Изменение за год", FieldType.INTEGER, false),
            field("active", "Is active", "Действует", FieldType.BOOLEAN, false),
            field("opened", "Opening date", "Дата открытия", FieldType.DATE, false),
            field("updated", "Last update", "Дата и время обновления", FieldType.DATETIME, false),
            field("latitude", "Latitude, WGS 84 decimal degrees", "Широта, WGS 84, десятичные градусы", FieldType.NUMBER, false),
            field("longitude", "Longitude, WGS 84 decimal degrees", "Долгота, WGS 84, десятичные градусы", FieldType.NUMBER, false)),
            new Structure.Geo("latitude", "longitude"));

    static final List<String[]> RECORDS = List.of(
            new String[] {"1", "Школа № 1 «Ромашка»", "Он сказал: \"привет\", и ушёл\nвторая строка: a < b > c & d",
                    "1234.5", "-7", "true", "2026-03-01", "2026-03-01T10:15:00+07:00", "56.484645", "84.947649"},
            new String[] {"2", "Gymnasium \"Eureka\", Tomsk", null, "-0.25", "0", "false", null, null, null, null},
            new String[] {"-3", "Tab\there & <tag/>", "Ёлка — ёж 🌲", "100000000000000000.000001",
                    "-9223372036854775809", null, "2025-12-31", "2025-12-31T23:59:59+07:00", "-33.8688", "151.2093"});

    static final String STANDARD = "http://opendata.gosmonitor.ru/standard/3.0";
    static final String BASE = "https://example.org/opendata/7017069388-schools/";

    static final MetaDocument META = new MetaDocument(STANDARD,
            new Passport("7017069388-schools", "Общеобразовательные организации Томской области",
                    "Школы: адреса, \"профили\", координаты\nОбновляется ежеквартально & по запросу <ОИВ>",
                    "Департамент общего образования Томской области", List.of("образование", "школы", "Томск"),
                    new Passport.Publisher("Иванова Мария Петровна", null, "opendata@example.org")),
            "csv", LocalDate.of(2024, 1, 15), LocalDate.of(2026, 3, 1), "добавлено: 1, изменено: 2, удалено: 0",
            LocalDate.of(2026, 6, 25),
            List.of(new MetaDocument.DataEntry("data-20260301T1015-structure-20240115T0900",
                            BASE + "data-20260301T1015-structure-20240115T0900.csv", LocalDate.of(2026, 3, 1),
                            "добавлено: 1, изменено: 2, удалено: 0", LocalDate.of(2026, 6, 25), "20240115T0900"),
                    new MetaDocument.DataEntry("data-20240115T0900-structure-20240115T0900",
                            BASE + "data-20240115T0900-structure-20240115T0900.csv", LocalDate.of(2024, 1, 15),
                            null, LocalDate.of(2026, 3, 1), "20240115T0900")),
            List.of(new MetaDocument.StructureEntry("structure-20240115T0900", BASE + "structure-20240115T0900.csv",
                    LocalDate.of(2024, 1, 15))));

    static final List<RegistryEntry> REGISTRY = List.of(
            new RegistryEntry("7017069388-schools", "Общеобразовательные организации Томской области",
                    "https://example.org/opendata/7017069388-schools/meta.csv"),
            new RegistryEntry("7017069388-OKNR", "Объекты \"культурного наследия\" <региональные> & местные",
                    "https://example.org/opendata/7017069388-OKNR/meta.csv"));

    /** A data writer's constructor, e.g. {@code JsonDataWriter::new}. */
    @FunctionalInterface
    interface Format {
        DataFileWriter open(OutputStream out, Structure structure) throws IOException;
    }

    private FormatFixture() {
    }

    static byte[] data(Format format, List<String[]> records) {
        return data(format, STRUCTURE, records);
    }

    static byte[] data(Format format, Structure structure, List<String[]> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            DataFileWriter writer = format.open(bytes, structure);
            for (String[] values : records) {
                writer.write(values);
            }
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Field field(String name, String en, String ru, FieldType type, boolean required) {
        return new Field(name, null, en, ru, type, required, null);
    }
}
