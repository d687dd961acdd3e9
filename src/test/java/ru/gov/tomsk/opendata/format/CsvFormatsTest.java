package ru.gov.tomsk.opendata.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.FieldType;
import ru.gov.tomsk.opendata.dataset.Passport;
import ru.gov.tomsk.opendata.dataset.Structure;

class CsvFormatsTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private interface Rows {
        void write(CsvWriter csv) throws IOException;
    }

    private static byte[] csv(Rows rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter csv = new CsvWriter(new OutputStreamWriter(bytes, UTF_8))) {
            rows.write(csv);
        }
        return bytes.toByteArray();
    }

    private static void assertBytes(byte[] actual, String expected) {
        // compared as bytes so that a BOM, a lone LF or a different encoding cannot hide in a string comparison
        assertThat(actual).isEqualTo(expected.getBytes(UTF_8));
        assertThat(Arrays.copyOf(actual, Math.min(3, actual.length))).isNotEqualTo(BOM);
    }

    @Nested
    class Writer {

        @Test
        void plainFieldsAreNotQuotedAndRecordsEndWithCrlf() throws IOException {
            byte[] bytes = csv(csv -> {
                csv.row("id", "name");
                csv.row("1", "Школа №1");
            });

            assertBytes(bytes, "id,name\r\n1,Школа №1\r\n");
        }

        @Test
        void fieldWithCommaIsQuoted() throws IOException {
            assertBytes(csv(csv -> csv.row("1", "г. Томск, пр. Ленина, 1")), "1,\"г. Томск, пр. Ленина, 1\"\r\n");
        }

        @Test
        void quoteIsDoubledInsideQuotes() throws IOException {
            assertBytes(csv(csv -> csv.row("МАОУ \"Лицей №7\"", "\"")), "\"МАОУ \"\"Лицей №7\"\"\",\"\"\"\"\r\n");
        }

        @Test
        void fieldWithLineBreaksIsQuotedAndKeepsThem() throws IOException {
            assertBytes(csv(csv -> csv.row("a\nb", "c\rd", "e\r\nf")), "\"a\nb\",\"c\rd\",\"e\r\nf\"\r\n");
        }

        @Test
        void otherCharactersDoNotCauseQuoting() throws IOException {
            assertBytes(csv(csv -> csv.row(" leading", "trailing ", "semi;colon", "tab\there", "apos'trophe")),
                    " leading,trailing ,semi;colon,tab\there,apos'trophe\r\n");
        }

        @Test
        void nullAndEmptyAreEmptyFieldsNeverQuoted() throws IOException {
            assertBytes(csv(csv -> {
                csv.row(null, "x", "", null);
                csv.row("", "");
            }), ",x,,\r\n,\r\n");
        }

        @Test
        void listRowIsTheSameAsVarargsRow() throws IOException {
            assertThat(csv(csv -> csv.row(Arrays.asList("a", null, "b,c"))))
                    .isEqualTo(csv(csv -> csv.row("a", null, "b,c")));
        }

        @Test
        void cyrillicIsUtf8() throws IOException {
            assertThat(csv(csv -> csv.row("ё"))).containsExactly(0xD1, 0x91, '\r', '\n');
        }
    }

    @Nested
    class Meta {

        private static final String BASE = "https://opendata.example.ru/opendata/7017069388-schools/";

        private MetaDocument meta(String description, String provenance, LocalDate valid) {
            Passport passport = new Passport("7017069388-schools", "Общеобразовательные организации Томской области",
                    description, "Департамент общего образования Томской области", List.of("образование", "школы"),
                    new Passport.Publisher("Иванова Анна Петровна", "+7 3822 510000", "opendata@example.ru"));
            return new MetaDocument("http://opendata.gosmonitor.ru/standard/3.0", passport, "csv",
                    LocalDate.of(2024, 1, 15), LocalDate.of(2026, 3, 1), provenance, valid,
                    List.of(new MetaDocument.DataEntry("data-20260301T0300-structure-20250110T0900",
                                    BASE + "data-20260301T0300-structure-20250110T0900.csv", LocalDate.of(2026, 3, 1),
                                    provenance, valid, "20250110T0900"),
                            new MetaDocument.DataEntry("data-20240115T0900-structure-20240115T0900",
                                    BASE + "data-20240115T0900-structure-20240115T0900.csv", LocalDate.of(2024, 1, 15),
                                    "Первая публикация", LocalDate.of(2024, 3, 25), "20240115T0900")),
                    List.of(new MetaDocument.StructureEntry("structure-20250110T0900", BASE + "structure-20250110T0900.csv",
                                    LocalDate.of(2025, 1, 10)),
                            new MetaDocument.StructureEntry("structure-20240115T0900", BASE + "structure-20240115T0900.csv",
                                    LocalDate.of(2024, 1, 15))));
        }

        @Test
        void rowsComeInTheStandardsOrder() {
            byte[] bytes = MetaCsv.render(meta("Адреса и координаты школ", "Добавлено: 2", LocalDate.of(2026, 6, 25)));

            List<String> properties = Arrays.stream(new String(bytes, UTF_8).split("\r\n"))
                    .map(row -> row.substring(0, row.indexOf(','))).toList();
            assertThat(properties).containsExactly("property",
                    "standardversion", "identifier", "title", "description", "creator", "created", "modified",
                    "subject", "format", "provenance", "valid", "publishername", "publisherphone", "publishermbox",
                    "data-20260301T0300-structure-20250110T0900", "data-20240115T0900-structure-20240115T0900",
                    "structure-20250110T0900", "structure-20240115T0900");
        }

        @Test
        void fifteenthRowIsTheNewestDataLink() {
            // the Tomsk consumer reads data row index 14 (after the header) as the newest data file
            String[] rows = new String(MetaCsv.render(meta("d", "p", LocalDate.of(2026, 6, 25))), UTF_8).split("\r\n");

            assertThat(rows[1 + 14]).isEqualTo("data-20260301T0300-structure-20250110T0900,"
                    + BASE + "data-20260301T0300-structure-20250110T0900.csv");
        }

        @Test
        void exactBytes() {
            byte[] bytes = MetaCsv.render(meta("Адреса, контакты и \"координаты\" школ", null, null));

            assertBytes(bytes, "property,value\r\n"
                    + "standardversion,http://opendata.gosmonitor.ru/standard/3.0\r\n"
                    + "identifier,7017069388-schools\r\n"
                    + "title,Общеобразовательные организации Томской области\r\n"
                    + "description,\"Адреса, контакты и \"\"координаты\"\" школ\"\r\n"
                    + "creator,Департамент общего образования Томской области\r\n"
                    + "created,20240115\r\n"
                    + "modified,20260301\r\n"
                    + "subject,\"образование,школы\"\r\n"
                    + "format,csv\r\n"
                    + "provenance,\r\n"
                    + "valid,\r\n"
                    + "publishername,Иванова Анна Петровна\r\n"
                    + "publisherphone,+7 3822 510000\r\n"
                    + "publishermbox,opendata@example.ru\r\n"
                    + "data-20260301T0300-structure-20250110T0900," + BASE + "data-20260301T0300-structure-20250110T0900.csv\r\n"
                    + "data-20240115T0900-structure-20240115T0900," + BASE + "data-20240115T0900-structure-20240115T0900.csv\r\n"
                    + "structure-20250110T0900," + BASE + "structure-20250110T0900.csv\r\n"
                    + "structure-20240115T0900," + BASE + "structure-20240115T0900.csv\r\n");
        }

        @Test
        void datesAreBasicIso() {
            String text = new String(MetaCsv.render(meta("d", "p", LocalDate.of(2027, 3, 25))), UTF_8);

            assertThat(text).contains("\r\ncreated,20240115\r\n", "\r\nmodified,20260301\r\n", "\r\nvalid,20270325\r\n");
        }
    }

    @Nested
    class StructureFile {

        @Test
        void exactBytes() {
            Structure structure = new Structure(List.of("id"), List.of(
                    new Field("id", null, "Identifier", "Идентификатор", FieldType.INTEGER, true, null),
                    new Field("name", "full_name", "Name", "Наименование", FieldType.STRING, true, null),
                    new Field("open", null, "Open", "Работает", FieldType.BOOLEAN, false, null),
                    new Field("opened", null, "Opening date", "Дата открытия", FieldType.DATE, false, "dd.MM.yyyy"),
                    new Field("updated", null, "Updated", "Обновлено", FieldType.DATETIME, false, null),
                    new Field("latitude", "lat", "Latitude (WGS 84, EPSG:4326)", "Широта (WGS 84, EPSG:4326)",
                            FieldType.NUMBER, false, null)),
                    new Structure.Geo("latitude", "latitude"));

            // the field name is the published column, never the source column
            assertBytes(StructureCsv.render(structure), "field name,english description,russian description,format\r\n"
                    + "id,Identifier,Идентификатор,integer\r\n"
                    + "name,Name,Наименование,string\r\n"
                    + "open,Open,Работает,boolean\r\n"
                    + "opened,Opening date,Дата открытия,date\r\n"
                    + "updated,Updated,Обновлено,datetime\r\n"
                    + "latitude,\"Latitude (WGS 84, EPSG:4326)\",\"Широта (WGS 84, EPSG:4326)\",number\r\n");
        }
    }

    @Nested
    class Registry {

        @Test
        void exactBytes() {
            byte[] bytes = RegistryCsv.render("http://opendata.gosmonitor.ru/standard/3.0", List.of(
                    new RegistryEntry("7017069388-schools", "Общеобразовательные организации Томской области",
                            "https://opendata.example.ru/opendata/7017069388-schools/meta.csv"),
                    new RegistryEntry("7017107837-medorgs", "Медицинские организации, \"ЛПУ\"",
                            "https://opendata.example.ru/opendata/7017107837-medorgs/meta.csv")));

            // the standardversion row has an empty format field, so it ends with a comma (standard §4)
            assertBytes(bytes, "property,title,value,format\r\n"
                    + "standardversion,Версия методических рекомендаций,http://opendata.gosmonitor.ru/standard/3.0,\r\n"
                    + "7017069388-schools,Общеобразовательные организации Томской области,"
                    + "https://opendata.example.ru/opendata/7017069388-schools/meta.csv,csv\r\n"
                    + "7017107837-medorgs,\"Медицинские организации, \"\"ЛПУ\"\"\","
                    + "https://opendata.example.ru/opendata/7017107837-medorgs/meta.csv,csv\r\n");
        }

        @Test
        void emptyRegistryStillDeclaresTheStandard() {
            assertBytes(RegistryCsv.render("http://opendata.gosmonitor.ru/standard/3.0", List.of()),
                    "property,title,value,format\r\n"
                            + "standardversion,Версия методических рекомендаций,http://opendata.gosmonitor.ru/standard/3.0,\r\n");
        }
    }
}
