package ru.gov.tomsk.opendata.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static ru.gov.tomsk.opendata.format.FormatFixture.field;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ru.gov.tomsk.opendata.dataset.FieldType;
import ru.gov.tomsk.opendata.dataset.Structure;
import ru.gov.tomsk.opendata.dataset.ValueConverter;
import ru.gov.tomsk.opendata.support.Golden;
import ru.gov.tomsk.opendata.support.Libxml2Validator;
import ru.gov.tomsk.opendata.support.StructureValidators;

/**
 * Issue 10, item 5: the values at the edges of each type, converted from what JDBC drivers and text
 * sources deliver, give XML that validates against its XSD with libxml2 (the JDK's validator takes what
 * libxml2 refuses) and JSON that validates against its schema, and every value reads back as the
 * source's. A 1E300 in a number field once became a 301-digit xs:decimal that xmllint refused.
 */
class ExtremeValuesTest {

    static final Structure STRUCTURE = new Structure(List.of("id"), List.of(
            field("id", "Identifier", "Идентификатор", FieldType.INTEGER, true),
            field("measure", "Measured value, floating point", "Измеренное значение, с плавающей точкой", FieldType.DOUBLE, false),
            field("amount", "Exact amount", "Точная сумма", FieldType.NUMBER, false),
            field("count", "Count", "Количество", FieldType.INTEGER, false),
            field("day", "Date", "Дата", FieldType.DATE, false),
            field("moment", "Date and time", "Дата и время", FieldType.DATETIME, false)), null);

    private static final ValueConverter CONVERTER = new ValueConverter(ZoneId.of("Asia/Tomsk"));

    /** Raw values as sources deliver them: JDBC objects, and text where a text source is the case. */
    private static final List<Object[]> SOURCE = List.of(
            new Object[] {1, 1e300, new BigDecimal("123456789012345678.901234"), Long.MAX_VALUE,
                    LocalDate.of(1, 1, 1), LocalDateTime.of(1, 1, 1, 12, 0)},
            new Object[] {2L, -1e-300, new BigDecimal("0.000000000000000000000001"), Long.MIN_VALUE,
                    LocalDate.of(9999, 12, 31), LocalDateTime.of(9999, 12, 31, 23, 59, 59)},
            new Object[] {3, Double.MIN_VALUE, new BigDecimal("-999999999999999999999999"),
                    new BigInteger("999999999999999999999999"), "2024-02-29", OffsetDateTime.of(2024, 2, 29, 17, 0, 0, 0, ZoneOffset.UTC)},
            new Object[] {4, Double.MAX_VALUE, new BigDecimal("-0.000000000000000000000123"),
                    new BigInteger("-123456789012345678901234"), null, null},
            new Object[] {5, -Double.MAX_VALUE, new BigDecimal("1E+23"), "-0", null, "9999-12-31T16:59:59Z"},
            new Object[] {6, -0.0d, "56.4846450000", 0, null, null},
            new Object[] {7, 84.9477f, 1e-7, null, null, null},
            new Object[] {8, "1e21", null, null, null, null},
            new Object[] {9, "100000000000000000000", null, null, null, null},
            new Object[] {10, 1e-7, null, null, null, null},
            new Object[] {11, "0.000001", null, null, null, null},
            new Object[] {12, 2.2250738585072014E-308, null, null, null, null});

    @TempDir
    Path dir;

    @Test
    void valuesTakeTheirShortestExactForm() {
        List<String[]> records = records();

        assertThat(column(records, "measure")).containsExactly("1E300", "-1E-300", "5E-324", "1.7976931348623157E308",
                "-1.7976931348623157E308", "-0", "84.9477", "1E21", "100000000000000000000", "1E-7", "0.000001",
                "2.2250738585072014E-308");
        assertThat(column(records, "amount")).containsExactly("123456789012345678.901234", "0.000000000000000000000001",
                "-999999999999999999999999", "-0.000000000000000000000123", "100000000000000000000000", "56.484645",
                "0.0000001", null, null, null, null, null);
        assertThat(column(records, "count")).startsWith("9223372036854775807", "-9223372036854775808",
                "999999999999999999999999", "-123456789012345678901234", "0", "0");
        assertThat(column(records, "day")).startsWith("0001-01-01", "9999-12-31", "2024-02-29");
        // Tomsk kept local mean time (+05:39:51) until 1919: an offset xs:dateTime cannot write, so UTC
        assertThat(column(records, "moment")).startsWith("0001-01-01T06:20:09Z", "9999-12-31T23:59:59+07:00",
                "2024-03-01T00:00:00+07:00", null, "9999-12-31T23:59:59+07:00");
    }

    @Test
    void everyDoubleReadsBackAsTheSourceValue() throws IOException {
        List<String[]> records = records();
        JsonNode json = new ObjectMapper().readTree(data(JsonDataWriter::new, records));

        for (int i = 0; i < SOURCE.size(); i++) {
            Object raw = SOURCE.get(i)[1];
            double expected = raw instanceof Float f ? Double.parseDouble(f.toString())
                    : raw instanceof Number n ? n.doubleValue() : Double.parseDouble((String) raw);
            String published = records.get(i)[1];
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(published))).as("%s published as %s", raw, published)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
            assertThat(json.get(i).get("measure").doubleValue()).as("JSON of %s", raw).isEqualTo(expected);
        }
    }

    @Test
    void theXsdTypesEachFieldForWhatItHolds() {
        assertThat(Libxml2Validator.elementTypes(XsdStructure.render(STRUCTURE))).containsExactly(
                entry("id", "xs:integer"), entry("measure", "xs:double"), entry("amount", "xs:decimal"),
                entry("count", "xs:integer"), entry("day", "xs:date"), entry("moment", "xs:dateTime"));
    }

    @Test
    void theStructureCsvAndJsonSchemaNameTheTypes() throws IOException {
        String csv = new String(StructureCsv.render(STRUCTURE), StandardCharsets.UTF_8);
        assertThat(csv.lines().skip(1).map(line -> line.substring(line.lastIndexOf(',') + 1)))
                .containsExactly("integer", "double", "number", "integer", "date", "datetime");

        JsonNode properties = new ObjectMapper().readTree(JsonSchemaStructure.render(STRUCTURE)).get("items").get("properties");
        assertThat(properties.get("measure").get("type").toString()).isEqualTo("[\"number\",\"null\"]");
        assertThat(properties.get("amount").get("type").toString()).isEqualTo("[\"number\",\"null\"]");
        assertThat(properties.get("count").get("type").toString()).isEqualTo("[\"integer\",\"null\"]");
    }

    @Test
    void theXmlValidatesWithLibxml2sLimits() throws Exception {
        Libxml2Validator.validate(XsdStructure.render(STRUCTURE), data(XmlDataWriter::new, records()));
    }

    @Test
    void theXmlValidatesWithXmllint() throws Exception {
        assumeTrue(Libxml2Validator.xmllintInstalled(),
                "xmllint is not on the PATH (Debian: apt-get install libxml2-utils); the libxml2 limits were checked without it");

        Libxml2Validator.XmllintResult result = Libxml2Validator.xmllint(dir, XsdStructure.render(STRUCTURE),
                data(XmlDataWriter::new, records()));

        assertThat(result.valid()).as("xmllint: %s", result.output()).isTrue();
    }

    @Test
    void theJsonValidatesAgainstItsSchema() throws IOException {
        assertThat(StructureValidators.jsonErrors(StructureValidators.jsonSchema(JsonSchemaStructure.render(STRUCTURE)),
                data(JsonDataWriter::new, records()))).isEmpty();
    }

    /** The defect itself: what a number field published for 1E300 before. Both checks must refuse it. */
    @Test
    void the301DigitDecimalThatWasPublishedBeforeIsRefused() throws Exception {
        String[] record = records().get(0).clone();
        record[2] = new BigDecimal("1E+300").toPlainString();
        byte[] xsd = XsdStructure.render(STRUCTURE);
        byte[] xml = data(XmlDataWriter::new, List.<String[]>of(record));

        StructureValidators.validateXml(StructureValidators.xsd(xsd), xml);
        assertThatThrownBy(() -> Libxml2Validator.validate(xsd, xml)).isInstanceOf(SAXException.class)
                .hasMessageContaining("element amount").hasMessageContaining("301 digits");
        if (Libxml2Validator.xmllintInstalled()) {
            Libxml2Validator.XmllintResult result = Libxml2Validator.xmllint(dir, xsd, xml);
            assertThat(result.valid()).as("xmllint: %s", result.output()).isFalse();
            assertThat(result.output()).contains("'amount'").contains("xs:decimal");
        }
    }

    @Test
    void goldenXmlAndXsd() throws IOException {
        assertGolden(data(XmlDataWriter::new, records()), "data.xml");
        assertGolden(XsdStructure.render(STRUCTURE), "structure.xsd");
    }

    @Test
    void goldenJsonCsvAndTheirStructures() throws IOException {
        assertGolden(data(JsonDataWriter::new, records()), "data.json");
        assertGolden(JsonSchemaStructure.render(STRUCTURE), "structure.json");
        assertGolden(data(CsvDataWriter::new, records()), "data.csv");
        assertGolden(StructureCsv.render(STRUCTURE), "structure.csv");
    }

    private void assertGolden(byte[] bytes, String name) throws IOException {
        Path actual = dir.resolve(name);
        Files.write(actual, bytes);
        Golden.assertMatches(actual, "format/extreme/" + name);
    }

    static List<String[]> records() {
        List<String[]> records = new ArrayList<>();
        for (Object[] raw : SOURCE) {
            String[] values = new String[raw.length];
            for (int i = 0; i < raw.length; i++) {
                values[i] = CONVERTER.convert(STRUCTURE.fields().get(i), raw[i]);
            }
            records.add(values);
        }
        return records;
    }

    private static List<String> column(List<String[]> records, String name) {
        int index = STRUCTURE.indexOf(name);
        return records.stream().map(r -> r[index]).toList();
    }

    private static byte[] data(FormatFixture.Format format, List<String[]> records) {
        return FormatFixture.data(format, STRUCTURE, records);
    }
}
