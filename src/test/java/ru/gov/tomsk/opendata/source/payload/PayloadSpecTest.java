package ru.gov.tomsk.opendata.source.payload;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.gov.tomsk.opendata.source.payload.Payloads.readAll;
import static ru.gov.tomsk.opendata.source.payload.Payloads.record;

class PayloadSpecTest {

    @Test
    void csvOptionWordsAreParsed() {
        PayloadSpec spec = PayloadSpec.of(Map.of("format", "CSV", "separator", "tab", "quote", "'",
                "charset", "Windows-1251", "host", "ftp.example.ru"));

        assertThat(spec).isEqualTo(new PayloadSpec(PayloadFormat.CSV, '\t', '\'', CsvCharsets.WINDOWS_1251, null, null,
                null));
        assertThat(PayloadSpec.of(Map.of("format", "csv", "separator", ";", "charset", "utf-8")))
                .extracting(PayloadSpec::separator, PayloadSpec::charset).containsExactly(';', StandardCharsets.UTF_8);
        assertThat(PayloadSpec.of(Map.of("format", "csv", "separator", "auto", "charset", "auto")))
                .isEqualTo(PayloadSpec.csv());
    }

    @Test
    void eachFormatGetsItsReaderWithItsOptions() {
        assertThat(PayloadSpec.of(Map.of("format", "csv")).reader()).isInstanceOf(CsvPayloadReader.class);
        assertThat(PayloadSpec.of(Map.of("format", "xlsx", "sheet", "Данные")).reader())
                .isInstanceOf(XlsxPayloadReader.class);
        PayloadSpec json = PayloadSpec.of(Map.of("format", "json", "path", "data.rows"));
        assertThat(json.path()).isEqualTo("data.rows");
        assertThat(readAll(json.reader(), "{\"data\": {\"rows\": [{\"Район\": \"Томский\"}]}}"
                .getBytes(StandardCharsets.UTF_8), "r.json")).containsExactly(record("Район", "Томский"));
        PayloadSpec xml = PayloadSpec.of(Map.of("format", "xml", "recordPath", "rows/row"));
        try (RecordStream records = xml.reader().open(
                new ByteArrayInputStream("<rows><row a=\"1\"/></rows>".getBytes(StandardCharsets.UTF_8)), "r.xml")) {
            assertThat(records.next()).isEqualTo(record("@a", "1"));
        }
    }

    @Test
    void mistakesNameTheOptionAndWhatItAccepts() {
        assertThatThrownBy(() -> PayloadSpec.of(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option 'format' is required: one of csv, json, xml, xlsx");
        assertThatThrownBy(() -> PayloadSpec.of(Map.of("format", "xls")))
                .hasMessage("option 'format' must be one of csv, json, xml, xlsx; got 'xls'");
        assertThatThrownBy(() -> PayloadSpec.of(Map.of("format", "csv", "separator", "|")))
                .hasMessage("option 'separator' must be \",\", \";\", tab or auto; got '|'");
        assertThatThrownBy(() -> PayloadSpec.of(Map.of("format", "csv", "charset", "koi8-r")))
                .hasMessage("option 'charset' must be utf-8, windows-1251 or auto; got 'koi8-r'");
        assertThatThrownBy(() -> PayloadSpec.of(Map.of("format", "csv", "quote", "''")))
                .hasMessage("option 'quote' must be one character, e.g. '\"'; got ''''");
        assertThatThrownBy(() -> PayloadSpec.of(Map.of("format", "json", "sheet", "Лист1")))
                .hasMessage("option 'sheet' applies to format xlsx, not json");
        assertThatThrownBy(() -> PayloadSpec.of(Map.of("format", "xml")))
                .hasMessageStartingWith("option 'recordPath' is required for format xml");
        assertThatThrownBy(() -> PayloadSpec.of(Map.of("format", "csv", "separator", ";", "quote", ";")))
                .hasMessage("options 'separator' and 'quote' cannot be the same character, ';'");
    }

    @Test
    void documentedDefaultsAreNoMistakeForOtherFormats() {
        assertThat(PayloadSpec.of(Map.of("format", "json", "separator", "auto", "quote", "\"", "charset", "auto")))
                .isEqualTo(new PayloadSpec(PayloadFormat.JSON, null, '"', null, null, null, null));
    }

    @Test
    void blankOptionsMeanTheDefault() {
        Map<String, String> options = new HashMap<>();
        options.put("format", "json");
        options.put("path", " ");
        assertThat(PayloadSpec.of(options).path()).isNull();
    }

    @Test
    void formatsHaveTheirFeedWords() {
        assertThat(List.of(PayloadFormat.values())).extracting(PayloadFormat::word)
                .containsExactly("csv", "json", "xml", "xlsx");
        assertThat(PayloadFormat.fromWord(" XLSX ")).contains(PayloadFormat.XLSX);
        assertThat(PayloadFormat.fromWord("xls")).isEmpty();
    }
}
