package ru.gov.tomsk.opendata.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xml.sax.SAXException;

/**
 * The test-side libxml2 validator agrees with the probes of xmllint 2.9.14 it was built from, and with
 * the real xmllint wherever that is installed: a value it takes, libxml2 takes.
 */
class Libxml2ValidatorTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}: libxml2 takes it: {2}")
    @CsvSource({
            "decimal, 123456789012345678901234, true",
            "decimal, -123456789012345678901234, true",
            "decimal, 1234567890123456789012345, false",
            "decimal, 0.000000000000000000000001, true",
            "decimal, 0.0000000000000000000000001, false",
            "decimal, 000000000000000000000000000001, true",
            "decimal, 1.000000000000000000000000, false",
            "decimal, 100000000000000000000.000001, false",
            "integer, 123456789012345678901234, true",
            "integer, -1234567890123456789012345, false",
            "integer, -9223372036854775809, true",
            "double, 1E300, true",
            "double, -1E-300, true",
            "double, 5E-324, true",
            "double, 4.9E-324, true",
            "double, 1.7976931348623157E308, true",
            "double, 123456789012345678901234567890, true",
            "double, -0, true",
            "date, 0001-01-01, true",
            "date, 9999-12-31, true",
            "date, 0000-01-01, false",
            "date, +10000-01-01, false",
            "date, 2024-01-01+14:00, true",
            "date, 2024-01-01+14:01, false",
            "dateTime, 0001-01-01T06:20:09Z, true",
            "dateTime, 9999-12-31T23:59:59+07:00, true",
            "dateTime, 2024-01-01T00:00:00-14:00, true",
            "dateTime, 0000-01-01T00:00:00Z, false",
            "dateTime, 2024-01-01T00:00:00+15:00, false",
            "dateTime, 2024-01-01T00:00:00+05:39:51, false"})
    void agreesWithXmllint(String type, String value, boolean libxml2Takes) throws Exception {
        byte[] xsd = ("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"v\" type=\"xs:" + type
                + "\"/></xs:schema>").getBytes(StandardCharsets.UTF_8);
        byte[] xml = ("<v>" + value + "</v>").getBytes(StandardCharsets.UTF_8);

        if (libxml2Takes) {
            assertThatCode(() -> Libxml2Validator.validate(xsd, xml)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> Libxml2Validator.validate(xsd, xml)).isInstanceOf(SAXException.class);
        }
        if (Libxml2Validator.xmllintInstalled()) {
            Libxml2Validator.XmllintResult result = Libxml2Validator.xmllint(dir, xsd, xml);
            assertThat(result.valid()).as("xmllint: %s", result.output()).isEqualTo(libxml2Takes);
        }
    }

    /** The JDK compiles a schema whose facet libxml2 cannot read; libxml2 then refuses every document. */
    @Test
    void aFacetBeyondTheLimitsBreaksTheSchema() throws Exception {
        byte[] xsd = ("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"v\"><xs:simpleType>"
                + "<xs:restriction base=\"xs:decimal\"><xs:minInclusive value=\"1.0000000000000000000000001\"/></xs:restriction>"
                + "</xs:simpleType></xs:element></xs:schema>").getBytes(StandardCharsets.UTF_8);
        byte[] xml = "<v>2</v>".getBytes(StandardCharsets.UTF_8);

        StructureValidators.validateXml(StructureValidators.xsd(xsd), xml);
        assertThatThrownBy(() -> Libxml2Validator.validate(xsd, xml)).isInstanceOf(SAXException.class)
                .hasMessageContaining("a facet of the schema");
        assumeTrue(Libxml2Validator.xmllintInstalled(), "xmllint is not on the PATH");
        assertThat(Libxml2Validator.xmllint(dir, xsd, xml).output()).contains("failed to compile");
    }
}
