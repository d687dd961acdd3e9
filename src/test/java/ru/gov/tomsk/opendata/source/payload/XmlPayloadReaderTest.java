package ru.gov.tomsk.opendata.source.payload;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.gov.tomsk.opendata.source.payload.Payloads.failure;
import static ru.gov.tomsk.opendata.source.payload.Payloads.readAll;
import static ru.gov.tomsk.opendata.source.payload.Payloads.record;

class XmlPayloadReaderTest {

    private static final String PATH = "export/organisations/organisation";

    private static final String EXPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <export xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" date="2024-01-15">
              <header><system>АИС «Реестр»</system><organisation id="0"><name>не запись</name></organisation></header>
              <organisations count="2">
                <organisation id="1" kind="школа" xsi:type="Org">
                  <inn>7017069388</inn>
                  <name>МАОУ СОШ № 4 им. И.С. Черных</name>
                  <address><![CDATA[г. Томск, ул. Ленина, 80 & корпус <2>]]></address>
                  <contacts><phone>+7 3822 000000</phone><phone>+7 3822 111111</phone></contacts>
                  <head xsi:nil="true"/>
                  <note></note>
                </organisation>
                <!-- комментарий -->
                <summary><organisation id="99"/></summary>
                <organisation id="2" kind="">
                  <name>Детский сад «Солнышко»</name>
                  <inn>7017000002</inn>
                </organisation>
              </organisations>
              <footer>конец</footer>
            </export>
            """;

    @Test
    void recordsAtThePathWithAttributesAsAtColumnsAndNestedNoiseSkipped() {
        List<Map<String, Object>> records = readAll(new XmlPayloadReader(PATH), utf8(EXPORT), "orgs.xml");

        assertThat(records).containsExactly(
                record("@id", "1", "@kind", "школа", "inn", "7017069388", "name", "МАОУ СОШ № 4 им. И.С. Черных",
                        "address", "г. Томск, ул. Ленина, 80 & корпус <2>", "head", null, "note", null),
                record("@id", "2", "@kind", null, "name", "Детский сад «Солнышко»", "inn", "7017000002"));
        assertThat(records.get(0).keySet()).containsExactly("@id", "@kind", "inn", "name", "address", "head", "note");
    }

    @Test
    void theDocumentsOwnEncodingDeclarationIsHonoured() {
        String xml = """
                <?xml version="1.0" encoding="windows-1251"?>
                <rows><row><Район>Кировский</Район><Население>120 000</Население></row></rows>""";

        assertThat(readAll(new XmlPayloadReader("/rows/row"), xml.getBytes(Charset.forName("windows-1251")), "r.xml"))
                .containsExactly(record("Район", "Кировский", "Население", "120 000"));
    }

    @Test
    void anExternalEntityIsRefusedAndNothingOfTheFileLeaks(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "СЕКРЕТ-пароль-42");
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE export [<!ENTITY xxe SYSTEM "%s">]>
                <export><organisations><organisation><name>&xxe;</name></organisation></organisations></export>
                """.formatted(secret.toUri());

        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> readAll(new XmlPayloadReader(PATH), utf8(xml), "xxe.xml"))
                .isInstanceOf(PayloadException.class).satisfies(t -> caught[0] = t);

        assertThat(caught[0].getMessage()).matches("xxe\\.xml: line 2, column \\d+: the document has a DOCTYPE"
                + " declaration; DTDs and entities are refused in payloads for security \\(remove the <!DOCTYPE \\.\\.\\.>\\)");
        for (Throwable t = caught[0]; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("СЕКРЕТ");
        }
    }

    @Test
    void etcPasswdAndEntityExpansionAreRefusedAlike() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE export [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <export><organisations><organisation><name>&xxe;</name></organisation></organisations></export>""";
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE export [<!ENTITY a "хаха"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <export><organisations><organisation><name>&b;</name></organisation></organisations></export>""";

        assertThat(failure(new XmlPayloadReader(PATH), utf8(xxe), "p.xml"))
                .contains("DOCTYPE").doesNotContain("root:").doesNotContain("/bin/");
        assertThat(failure(new XmlPayloadReader(PATH), utf8(laughs), "l.xml"))
                .contains("DOCTYPE").doesNotContain("хаха");
    }

    @Test
    void aWrongRecordPathIsExplainedRatherThanReadAsEmpty() {
        assertThat(failure(new XmlPayloadReader("data/organisations/organisation"), utf8(EXPORT), "orgs.xml"))
                .isEqualTo("orgs.xml: line 2, column 81: the root element is <export>, but the option recordPath"
                        + " data/organisations/organisation starts with <data>");
        assertThat(failure(new XmlPayloadReader("export/orgs/organisation"), utf8(EXPORT), "orgs.xml"))
                .isEqualTo("orgs.xml: the document has no element at export/orgs (option recordPath:"
                        + " export/orgs/organisation)");
    }

    @Test
    void aListWithoutRecordsIsEmpty() {
        assertThat(readAll(new XmlPayloadReader(PATH), utf8("<export><organisations/></export>"), "e.xml")).isEmpty();
    }

    @Test
    void aRepeatedValueElementIsRefused() {
        String xml = "<export><organisations><organisation><inn>1</inn></organisation>"
                + "<organisation>\n<inn>2</inn><inn>3</inn></organisation></organisations></export>";

        assertThat(failure(new XmlPayloadReader(PATH), utf8(xml), "d.xml"))
                .isEqualTo("d.xml: line 2, column 18 (record 2): <inn> appears more than once in a <organisation>;"
                        + " a record's values must be single elements");
    }

    @Test
    void malformedXmlNamesLineAndColumn() {
        String xml = "<export>\n<organisations>\n<organisation><inn>1</inn></organisation>\n"
                + "<organisation><inn>2</name></organisation>\n</organisations></export>";

        String message = failure(new XmlPayloadReader(PATH), utf8(xml), "m.xml");

        assertThat(message).startsWith("m.xml: malformed XML at line 4, column ").contains("(in record 2)")
                .contains("\"inn\" must be terminated");
    }

    @Test
    void textLongerThanAMillionCharactersIsRefused() {
        String xml = "<rows><row><text>" + "Ж".repeat(PayloadReader.MAX_VALUE_CHARS + 1) + "</text></row></rows>";

        String message = failure(new XmlPayloadReader("rows/row"), utf8(xml), "big.xml");

        assertThat(message).startsWith("big.xml: line 1, column 18 (record 1): <text> is longer than 1000000 characters")
                .hasSizeLessThan(250);
    }

    @Test
    void theRecordPathOptionIsChecked() {
        assertThatThrownBy(() -> new XmlPayloadReader(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option 'recordPath' is required");
        assertThatThrownBy(() -> new XmlPayloadReader("export//organisation")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain element names");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
