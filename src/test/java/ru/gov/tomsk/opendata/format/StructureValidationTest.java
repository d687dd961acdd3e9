package ru.gov.tomsk.opendata.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.gov.tomsk.opendata.format.FormatFixture.RECORDS;
import static ru.gov.tomsk.opendata.format.FormatFixture.STRUCTURE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.SAXException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import ru.gov.tomsk.opendata.support.Libxml2Validator;
import ru.gov.tomsk.opendata.support.StructureValidators;

/**
 * Standard §6: the XML and JSON data must validate against their structure files. The negative cases
 * prove that the validators are live, so that a green positive case means something.
 */
class StructureValidationTest {

    private static final ObjectMapper MAPPER = StructureValidators.mapper();

    private static final String VALID_ITEM = "<id>1</id><name>x</name>";

    @Test
    void xmlDataValidatesAgainstItsXsd() throws Exception {
        byte[] xsd = XsdStructure.render(STRUCTURE);

        // libxml2's limits on top of the JDK's validator: the fixture's 24-digit decimal is the most both take
        Libxml2Validator.validate(xsd, FormatFixture.data(XmlDataWriter::new, RECORDS));
        Libxml2Validator.validate(xsd, FormatFixture.data(XmlDataWriter::new, List.of()));
    }

    @Test
    void jsonDataValidatesAgainstItsJsonSchema() throws IOException {
        JsonSchema schema = jsonSchema(JsonSchemaStructure.render(STRUCTURE));

        assertThat(errors(schema, FormatFixture.data(JsonDataWriter::new, RECORDS))).isEmpty();
        assertThat(errors(schema, FormatFixture.data(JsonDataWriter::new, List.of()))).isEmpty();
    }

    @Test
    void theJsonSchemaIsAValidDraft202012Schema() throws IOException {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(URI.create(JsonSchemaStructure.DRAFT_2020_12));

        assertThat(metaSchema.validate(MAPPER.readTree(JsonSchemaStructure.render(STRUCTURE)))).isEmpty();
        assertThat(metaSchema.validate(MAPPER.readTree("{\"type\": \"integr\"}"))).isNotEmpty();
    }

    /** prefixItems exists only since 2020-12: an older dialect would ignore it and accept the instance. */
    @Test
    void theJsonValidatorAppliesDraft202012() throws IOException {
        JsonSchema schema = jsonSchema(("{\"$schema\": \"" + JsonSchemaStructure.DRAFT_2020_12 + "\","
                + " \"prefixItems\": [{\"type\": \"integer\"}]}").getBytes(StandardCharsets.UTF_8));

        assertThat(errors(schema, "[1, \"a\"]".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(errors(schema, "[\"a\"]".getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a string in an integer field|{\"id\": \"1\"}",
            "a decimal in an integer field|{\"id\": 1.5}",
            "a null in a required field|{\"name\": null}",
            "a number in a string field|{\"name\": 7}",
            "a string in a boolean field|{\"active\": \"true\"}",
            "a date that is not a date|{\"opened\": \"01.03.2026\"}",
            "a datetime without offset|{\"updated\": \"2026-03-01 10:15\"}",
            "a missing required key|-id",
            "a missing optional key (keys are always present)|-note",
            "an unknown key|{\"extra\": 1}"})
    void jsonThatBreaksTheStructureIsRejected(String testCase) throws IOException {
        String change = testCase.substring(testCase.indexOf('|') + 1);
        ObjectNode record =
                (ObjectNode) MAPPER.readTree(FormatFixture.data(JsonDataWriter::new, RECORDS)).get(0);
        if (change.startsWith("-")) {
            record.remove(change.substring(1));
        } else {
            record.setAll((ObjectNode) MAPPER.readTree(change));
        }
        JsonSchema schema = jsonSchema(JsonSchemaStructure.render(STRUCTURE));

        assertThat(schema.validate(MAPPER.createArrayNode().add(record))).as(testCase).isNotEmpty();
    }

    @Test
    void jsonThatIsNotAnArrayIsRejected() throws IOException {
        JsonSchema schema = jsonSchema(JsonSchemaStructure.render(STRUCTURE));

        assertThat(errors(schema, "{\"id\": 1, \"name\": \"x\"}".getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<id>один</id><name>x</name>",
            "<id>1.5</id><name>x</name>",
            "<id>1</id>",
            "<name>x</name><id>1</id>",
            VALID_ITEM + "<extra>1</extra>",
            VALID_ITEM + "<amount>1e3</amount>",
            VALID_ITEM + "<active>да</active>",
            VALID_ITEM + "<opened>01.03.2026</opened>",
            VALID_ITEM + "<updated>2026-03-01 10:15</updated>",
            VALID_ITEM + "<opened></opened>"})
    void xmlThatBreaksTheStructureIsRejected(String item) throws Exception {
        Schema xsd = xsd(XsdStructure.render(STRUCTURE));
        validateXml(xsd, xmlData(VALID_ITEM));

        assertThatThrownBy(() -> validateXml(xsd, xmlData(item))).as(item).isInstanceOf(SAXException.class);
    }

    @Test
    void xmlWithAnotherRootIsRejected() throws Exception {
        Schema xsd = xsd(XsdStructure.render(STRUCTURE));

        assertThatThrownBy(() -> validateXml(xsd, "<list/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SAXException.class);
    }

    @Test
    void theXmlValidatorDoesNotFetchExternalEntities() throws Exception {
        Schema xsd = xsd(XsdStructure.render(STRUCTURE));
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE data [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<data><item><id>1</id><name>&x;</name></item></data>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> validateXml(xsd, xxe)).isInstanceOf(SAXException.class)
                .hasMessageContaining("accessExternalDTD");
    }

    @Test
    void everyGeneratedXmlDocumentIsWellFormed() {
        for (byte[] document : List.of(MetaXml.render(FormatFixture.META),
                RegistryXml.render(FormatFixture.STANDARD, FormatFixture.REGISTRY))) {
            assertThatCode(() -> DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(document))).doesNotThrowAnyException();
        }
    }

    private static byte[] xmlData(String item) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<data>\n  <item>" + item + "</item>\n</data>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Schema xsd(byte[] xsd) throws SAXException {
        return StructureValidators.xsd(xsd);
    }

    private static void validateXml(Schema xsd, byte[] xml) throws SAXException, IOException {
        StructureValidators.validateXml(xsd, xml);
    }

    private static JsonSchema jsonSchema(byte[] schema) throws IOException {
        return StructureValidators.jsonSchema(schema);
    }

    private static Set<ValidationMessage> errors(JsonSchema schema, byte[] json) {
        return StructureValidators.jsonErrors(schema, json);
    }
}
