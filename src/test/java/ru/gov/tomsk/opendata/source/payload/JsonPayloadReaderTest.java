package ru.gov.tomsk.opendata.source.payload;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.gov.tomsk.opendata.source.payload.Payloads.failure;
import static ru.gov.tomsk.opendata.source.payload.Payloads.readAll;
import static ru.gov.tomsk.opendata.source.payload.Payloads.record;

class JsonPayloadReaderTest {

    private static final String SCHOOLS = """
            [
              {"id": 1, "name": "МАОУ СОШ № 4", "lat": 56.4846, "open": true},
              {"id": 2, "name": "Лицей № 7", "lat": 56.5010, "open": false}
            ]""";

    private static final List<Map<String, Object>> EXPECTED = List.of(
            record("id", "1", "name", "МАОУ СОШ № 4", "lat", "56.4846", "open", "true"),
            record("id", "2", "name", "Лицей № 7", "lat", "56.5010", "open", "false"));

    @Test
    void readsATopLevelArray() {
        assertThat(read(null, SCHOOLS)).isEqualTo(EXPECTED);
        assertThat(read("", SCHOOLS)).isEqualTo(EXPECTED);
    }

    @Test
    void readsTheArrayAtItemsWithOtherKeysBeforeAndAfter() {
        String json = """
                {
                  "total": 2,
                  "meta": {"source": "АИС «Образование»", "items": ["не то"], "tags": [[1, 2], {"items": []}]},
                  "items": %s,
                  "next": null,
                  "links": [{"rel": "self", "href": "/api/schools?page=1"}]
                }""".formatted(SCHOOLS);

        assertThat(read("items", json)).isEqualTo(EXPECTED);
    }

    @Test
    void readsTheArrayAtDataRowsThroughNestedNoise() {
        String json = """
                {"status": "ok",
                 "rows": [{"id": "не эти"}],
                 "data": {
                   "page": {"number": 1, "size": 100, "sort": [{"by": "id"}]},
                   "columns": ["id", "name", "lat", "open"],
                   "rows": %s,
                   "summary": {"rows": [{"id": 999}]}
                 },
                 "footer": "конец"}""".formatted(SCHOOLS);

        assertThat(read("data.rows", json)).isEqualTo(EXPECTED);
    }

    @Test
    void numbersKeepTheirTextBooleansAreWordsAndNullIsNoValue() {
        String json = """
                [{"сумма": 1.50, "экспонента": 1e3, "ноль": -0, "большое": 12345678901234567890.125,
                  "да": true, "нет": false, "пусто": null, "строка": "0042"}]""";

        assertThat(read(null, json)).containsExactly(record("сумма", "1.50", "экспонента", "1e3", "ноль", "-0",
                "большое", "12345678901234567890.125", "да", "true", "нет", "false", "пусто", null, "строка", "0042"));
    }

    @Test
    void nestedObjectsAndArraysBecomeCompactJsonText() {
        String json = """
                [{"id": 1, "geometry": {"type": "Point", "coordinates": [84.95, 56.48]},
                  "phones": ["+7 3822 000000", "+7 3822 111111"], "name": "Школа"}]""";

        assertThat(read(null, json)).containsExactly(record("id", "1",
                "geometry", "{\"type\":\"Point\",\"coordinates\":[84.95,56.48]}",
                "phones", "[\"+7 3822 000000\",\"+7 3822 111111\"]", "name", "Школа"));
    }

    @Test
    void recordsMayDifferInTheirKeys() {
        String json = "[{\"a\": 1, \"b\": 2}, {\"b\": 3, \"c\": 4}, {}]";

        assertThat(read(null, json)).containsExactly(record("a", "1", "b", "2"), record("b", "3", "c", "4"), record());
    }

    @Test
    void malformedJsonNamesLineColumnAndRecord() {
        String json = """
                {"data": {"rows": [
                  {"id": 1, "name": "Школа"},
                  {"id": 2 "name": "Лицей"}
                ]}}""";

        String message = failure(new JsonPayloadReader("data.rows"), bytes(json), "schools.json");

        assertThat(message).startsWith("schools.json: malformed JSON at line 3, column 12 (in data.rows[1]): ")
                .contains("was expecting comma");
    }

    @Test
    void recordsBeforeAMalformedPlaceAreDelivered() {
        try (RecordStream records = new JsonPayloadReader(null).open(
                new ByteArrayInputStream(bytes("[{\"id\": 1}, {\"id\": }]")), "r.json")) {
            assertThat(records.next()).isEqualTo(record("id", "1"));
            assertThat(failure(records::next)).startsWith("r.json: malformed JSON at line 1, column 20 (in $[1])");
        }
    }

    @Test
    void aDocumentBrokenAfterTheRecordsStillFails() {
        String message = failure(new JsonPayloadReader("items"), bytes("{\"items\": [{\"id\": 1}], \"total\": }"), "t.json");

        assertThat(message).startsWith("t.json: malformed JSON at line 1, column 33 (in the rest of the document after the records)");
    }

    @Test
    void aWrongPathListsWhatIsThere() {
        String json = "{\"data\": {\"page\": 1, \"items\": []}, \"status\": \"ok\"}";

        assertThat(failure(new JsonPayloadReader("data.rows"), bytes(json), "p.json"))
                .isEqualTo("p.json: 'data' has no key 'rows' (option path: data.rows); its keys: page, items");
        assertThat(failure(new JsonPayloadReader("data.page"), bytes(json), "p.json"))
                .isEqualTo("p.json: line 1, column 19: 'data.page' is a number, expected an array of records");
        assertThat(failure(new JsonPayloadReader(null), bytes("{\"total\": 1, \"items\": [], \"x\": {}}"), "p.json"))
                .isEqualTo("p.json: the top level is an object, not an array of records; set the option path to the"
                        + " key of the array (keys holding arrays: items)");
        assertThat(failure(new JsonPayloadReader("items"), bytes("[]"), "p.json"))
                .isEqualTo("p.json: line 1, column 1: the top level is an array, expected an object with the key"
                        + " 'items' (option path: items)");
        assertThat(failure(new JsonPayloadReader(null), bytes(""), "p.json")).isEqualTo("p.json: the document is empty");
    }

    @Test
    void aRecordThatIsNotAnObjectIsNamedByItsIndex() {
        assertThat(failure(new JsonPayloadReader("items"), bytes("{\"items\": [{\"id\": 1}, 2]}"), "n.json"))
                .isEqualTo("n.json: line 1, column 23: items[1] (record 2) is a number, expected an object");
    }

    @Test
    void aRepeatedKeyInARecordIsAnError() {
        assertThat(failure(new JsonPayloadReader(null), bytes("[{\"id\": 1, \"id\": 2}]"), "d.json"))
                .startsWith("d.json: malformed JSON at line 1, column ")
                .contains("(in $[0])")
                .contains("Duplicate field 'id'");
    }

    @Test
    void aValueLongerThanAMillionCharactersIsRefused() {
        String json = "[{\"text\": \"" + "Ж".repeat(PayloadReader.MAX_VALUE_CHARS + 1) + "\"}]";

        String message = failure(new JsonPayloadReader(null), bytes(json), "big.json");

        assertThat(message).matches("big\\.json: line 1, column \\d+ \\(in \\$\\[0]\\): a value is longer than 1000000"
                + " characters");
    }

    @Test
    void aNestedPartLongerThanAMillionCharactersIsRefused() {
        String json = "[{\"list\": [" + "\"Ж\",".repeat(PayloadReader.MAX_VALUE_CHARS / 4 + 1) + "\"Ж\"]}]";

        assertThat(failure(new JsonPayloadReader(null), bytes(json), "big.json"))
                .contains("$[0].list (record 1) is longer than 1000000 characters as JSON text");
    }

    @Test
    void anEmptyArrayHasNoRecords() {
        assertThat(read("items", "{\"items\": []}")).isEmpty();
    }

    @Test
    void aBadPathOptionIsRefused() {
        assertThatThrownBy(() -> new JsonPayloadReader("data..rows"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("option 'path'");
    }

    private static List<Map<String, Object>> read(String path, String json) {
        return readAll(new JsonPayloadReader(path), bytes(json), "test.json");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
