package ru.gov.tomsk.opendata.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
    void aRejectedValueAfterTheKeyKeepsTheConvertedKey() {
        RecordMapper.RejectedRecordException e = catchThrowableOfType(RecordMapper.RejectedRecordException.class,
                () -> mapper.map(row(8, "634050", "Томск", "ул. Ленина, 1", "19x0", null)));

        assertThat(e.field()).isEqualTo("since");
        assertThat(e.value()).isEqualTo("01.09.19x0");
        assertThat(e.describe()).isEqualTo("field since, value '01.09.19x0': not a valid date in the pattern 'dd.MM.yyyy'");
        assertThat(e.values()).containsExactly("8", "Томская область", "634050, г. Томск, ул. Ленина, 1", null);
    }

    @Test
    void aRejectedValueBeforeTheKeyStillConvertsTheKey() {
        Structure keyLast = new Structure(List.of("code"), List.of(
                new Field("opened", null, "Opened", "Открыт", FieldType.DATE, false, "dd.MM.yyyy"),
                new Field("code", "id", "Code", "Код", FieldType.INTEGER, true, null)), null);
        RecordMapper keyLastMapper = new RecordMapper(keyLast, new ValueConverter(ZoneId.of("Asia/Tomsk")));

        RecordMapper.RejectedRecordException e = catchThrowableOfType(RecordMapper.RejectedRecordException.class,
                () -> keyLastMapper.map(Map.of("opened", "31.02.2020", "id", " 1")));

        assertThat(e.describe()).isEqualTo("field opened, value '31.02.2020': not a valid date in the pattern 'dd.MM.yyyy'");
        assertThat(e.values()).containsExactly(null, "1");
        // a key that cannot be converted itself leaves no key
        assertThat(catchThrowableOfType(RecordMapper.RejectedRecordException.class,
                () -> keyLastMapper.map(Map.of("opened", "31.02.2020", "id", "один"))).values()).isNull();
        assertThat(catchThrowableOfType(RecordMapper.RejectedRecordException.class,
                () -> keyLastMapper.map(Map.of("opened", "01.02.2020", "id", " "))).describe())
                .isEqualTo("field code, no value: required value is empty");
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
