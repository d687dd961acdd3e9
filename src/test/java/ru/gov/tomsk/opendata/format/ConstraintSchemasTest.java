package ru.gov.tomsk.opendata.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import javax.xml.validation.Schema;

import com.networknt.schema.JsonSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

import ru.gov.tomsk.opendata.dataset.Constraints;
import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.FieldType;
import ru.gov.tomsk.opendata.dataset.Structure;
import ru.gov.tomsk.opendata.support.StructureValidators;

/** The gate's constraints are stated in the published structure files, so consumers can check them too. */
class ConstraintSchemasTest {

    static final Structure STRUCTURE = new Structure(List.of("id"), List.of(
            new Field("id", null, "Identifier", "Идентификатор", FieldType.INTEGER, true, null),
            new Field("kind", null, "Kind", "Вид", FieldType.STRING, false, null,
                    new Constraints(null, List.of("музей", "театр"), null, null, null)),
            new Field("name", null, "Name", "Наименование", FieldType.STRING, true, null,
                    new Constraints(null, List.of(), null, null, 10)),
            new Field("visitors", null, "Visitors", "Посетители", FieldType.INTEGER, false, null,
                    new Constraints(null, List.of(), "0", "1000", null)),
            new Field("phone", null, "Phone", "Телефон", FieldType.STRING, false, null,
                    new Constraints(Pattern.compile("\\+7 \\d{4} \\d{6}"), List.of(), null, null, null))), null);

    @Test
    void dataThatPassedTheGateValidates() throws Exception {
        String[] ok = {"1", "музей", "Музей", "0", "+7 3822 000001"};
        String[] nulls = {"2", null, "Театр", null, null};
        assertThatCode(() -> StructureValidators.validateXml(xsd(), xml(ok, nulls))).doesNotThrowAnyException();
        assertThat(StructureValidators.jsonErrors(jsonSchema(), json(ok, nulls))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "kind, цирк",
            "name, Очень длинное имя",
            "visitors, -1",
            "visitors, 1001"})
    void aValueTheGateWouldRejectFailsBothSchemas(String field, String value) throws Exception {
        String[] record = {"1", "музей", "Музей", "5", "+7 3822 000001"};
        record[STRUCTURE.indexOf(field)] = value;
        assertThatThrownBy(() -> StructureValidators.validateXml(xsd(), xml(record))).isInstanceOf(SAXException.class);
        assertThat(StructureValidators.jsonErrors(jsonSchema(), json(record))).isNotEmpty();
    }

    @Test
    void patternsAreStatedInTheJsonSchemaAndMatchTheWholeValue() throws Exception {
        String[] record = {"1", "музей", "Музей", "5", "tel +7 3822 000001"};
        assertThat(StructureValidators.jsonErrors(jsonSchema(), json(record))).isNotEmpty();
    }

    private static Schema xsd() throws SAXException {
        return StructureValidators.xsd(XsdStructure.render(STRUCTURE));
    }

    private static JsonSchema jsonSchema() throws IOException {
        return StructureValidators.jsonSchema(JsonSchemaStructure.render(STRUCTURE));
    }

    private static byte[] xml(String[]... records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XmlDataWriter writer = new XmlDataWriter(out, STRUCTURE)) {
            for (String[] record : records) {
                writer.write(record);
            }
            writer.finish();
        }
        return out.toByteArray();
    }

    private static byte[] json(String[]... records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonDataWriter writer = new JsonDataWriter(out, STRUCTURE)) {
            for (String[] record : records) {
                writer.write(record);
            }
            writer.finish();
        }
        String text = out.toString(StandardCharsets.UTF_8);
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
