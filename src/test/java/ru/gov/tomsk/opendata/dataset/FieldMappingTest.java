package ru.gov.tomsk.opendata.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Source columns to structure fields: rename, constant, expression, and what the source lacks. */
class FieldMappingTest {

    static final Structure STRUCTURE = new Structure(List.of("id"), List.of(
            new Field("id", "ID_SCHOOL", "Id", "Ид", FieldType.INTEGER, true, null),
            new Field("region", null, "Region", "Регион", FieldType.STRING, true, null, null, "Томская область"),
            new Field("address", null, "Address", "Адрес", FieldType.STRING, true, null, null, "{zip}, г. {city}, {street}"),
            new Field("since", null, "Since", "С", FieldType.DATE, false, "dd.MM.yyyy", null, "01.09.{year}")), null);

    final RecordMapper mapper = new RecordMapper(STRUCTURE, new ValueConverter(ZoneId.of("Asia/Tomsk")));

    @Test
    void renamesBuildsAndFillsInConstants() {
        String[] values = mapper.map(row(7, "634050", "Томск", "ул. Ленина, 1", "1990", "extra"));
        assertThat(values).containsExactly("7", "Томская область", "634050, г. Томск, ул. Ленина, 1", "1990-09-01");
        // the column nobody reads is reported, the ones expressions read are not
        assertThat(mapper.unknownColumns()).containsExactly("NOTE");
    }

    @Test
    void anExpressionOverAbsentColumnsIsEmptyAndARequiredFieldRejectsIt() {
        assertThatThrownBy(() -> mapper.map(row(8, null, null, null, "2001", null)))
                .isInstanceOf(RejectedValueException.class)
                .hasMessage("required value is empty");
    }

    @Test
    void aColumnAnExpressionNeedsButTheSourceLacksFailsTheRunNamingBoth() {
        Map<String, Object> row = row(9, "634050", "Томск", "ул. Ленина, 1", "1990", null);
        row.remove("CITY");
        assertThatThrownBy(() -> mapper.map(row))
                .isInstanceOf(RecordMapper.MissingSourceColumnException.class)
                .hasMessageStartingWith("the source has no column 'city' for field 'address'");
    }

    private static Map<String, Object> row(int id, String zip, String city, String street, String year, String note) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ID_SCHOOL", id);
        row.put("ZIP", zip);
        row.put("CITY", city);
        row.put("STREET", street);
        row.put("YEAR", year);
        row.put("NOTE", note);
        return row;
    }
}
