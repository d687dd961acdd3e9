package ru.gov.tomsk.opendata.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.gov.tomsk.opendata.format.FormatFixture.META;
import static ru.gov.tomsk.opendata.format.FormatFixture.RECORDS;
import static ru.gov.tomsk.opendata.format.FormatFixture.REGISTRY;
import static ru.gov.tomsk.opendata.format.FormatFixture.STANDARD;
import static ru.gov.tomsk.opendata.format.FormatFixture.STRUCTURE;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ru.gov.tomsk.opendata.dataset.Structure;
import ru.gov.tomsk.opendata.support.Golden;

/** Byte-exact output of every JSON, XML and GeoJSON file against reviewed goldens in {@code golden/format/}. */
class FormatGoldenTest {

    @TempDir
    Path dir;

    @Test
    void dataJson() throws IOException {
        assertGolden(FormatFixture.data(JsonDataWriter::new, RECORDS), "data.json");
    }

    @Test
    void dataXml() throws IOException {
        assertGolden(FormatFixture.data(XmlDataWriter::new, RECORDS), "data.xml");
    }

    @Test
    void dataGeoJson() throws IOException {
        assertGolden(FormatFixture.data(GeoJsonDataWriter::new, RECORDS), "data.geojson");
    }

    @Test
    void structureXsd() throws IOException {
        assertGolden(XsdStructure.render(STRUCTURE), "structure.xsd");
    }

    @Test
    void structureJsonSchema() throws IOException {
        assertGolden(JsonSchemaStructure.render(STRUCTURE), "structure.json");
    }

    @Test
    void metaJson() throws IOException {
        assertGolden(MetaJson.render(META), "meta.json");
    }

    @Test
    void metaXml() throws IOException {
        assertGolden(MetaXml.render(META), "meta.xml");
    }

    @Test
    void registryJson() throws IOException {
        assertGolden(RegistryJson.render(STANDARD, REGISTRY), "list.json");
    }

    @Test
    void registryXml() throws IOException {
        assertGolden(RegistryXml.render(STANDARD, REGISTRY), "list.xml");
    }

    @Test
    void passportAndRegistryWithoutVersionsOrDatasetsKeepEveryElement() {
        MetaDocument first = new MetaDocument(META.standardVersion(), META.passport(), "csv", null, null, null, null,
                List.of(), List.of());

        assertThat(text(MetaJson.render(first))).contains("\"created\": null,", "\"data\": [],", "\"structure\": []\n}\n");
        assertThat(text(MetaXml.render(first))).contains("  <created/>\n", "  <data/>\n  <structure/>\n</meta>\n");
        assertThat(text(RegistryJson.render(STANDARD, List.of()))).endsWith("\"meta\": []\n}\n");
        assertThat(text(RegistryXml.render(STANDARD, List.of()))).endsWith("  <meta/>\n</list>\n");
    }

    @Test
    void geoJsonPutsLongitudeFirstAndKeepsRecordsWithoutCoordinates() throws IOException {
        JsonNode features = new ObjectMapper().readTree(FormatFixture.data(GeoJsonDataWriter::new, RECORDS)).get("features");

        assertThat(features).hasSize(RECORDS.size());
        assertThat(features.get(0).at("/geometry/coordinates").toString()).isEqualTo("[84.947649,56.484645]");
        assertThat(features.get(1).get("geometry").isNull()).isTrue();
        assertThat(features.get(2).at("/geometry/coordinates").toString()).isEqualTo("[151.2093,-33.8688]");
        assertThat(features.get(0).get("properties").has("latitude")).isFalse();
        assertThat(features.get(0).get("properties").has("name")).isTrue();
    }

    @Test
    void geoJsonNeedsAStructureWithCoordinates() {
        Structure plain = new Structure(STRUCTURE.key(), STRUCTURE.fields(), null);

        assertThatThrownBy(() -> new GeoJsonDataWriter(new ByteArrayOutputStream(), plain))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("geo");
    }

    @Test
    void everyDataWriterReportsTheSha256OfWhatItWrote() throws IOException {
        for (FormatFixture.Format format : List.<FormatFixture.Format>of(JsonDataWriter::new, XmlDataWriter::new,
                GeoJsonDataWriter::new, CsvDataWriter::new)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataFileWriter writer = format.open(bytes, STRUCTURE);
            for (String[] values : RECORDS) {
                writer.write(values);
            }
            assertThat(writer.finish()).isEqualTo(CsvDataWriter.fingerprint(bytes.toByteArray()));
        }
    }

    @Test
    void aRecordOfTheWrongWidthIsRefused() throws IOException {
        for (FormatFixture.Format format : List.<FormatFixture.Format>of(JsonDataWriter::new, XmlDataWriter::new,
                GeoJsonDataWriter::new)) {
            try (DataFileWriter writer = format.open(new ByteArrayOutputStream(), STRUCTURE)) {
                assertThatThrownBy(() -> writer.write(new String[] {"1", "x"}))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values");
            }
        }
    }

    @Test
    void textThatXmlCannotCarryIsRefusedNotMangled() throws IOException {
        String[] values = RECORDS.get(1).clone();
        values[2] = "noncharacter \uFFFF";
        try (XmlDataWriter writer = new XmlDataWriter(new ByteArrayOutputStream(), STRUCTURE)) {
            assertThatThrownBy(() -> writer.write(values)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("U+FFFF");
        }
        values[2] = "lone surrogate \uD83C.";
        try (XmlDataWriter writer = new XmlDataWriter(new ByteArrayOutputStream(), STRUCTURE)) {
            assertThatThrownBy(() -> writer.write(values)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("U+D83C");
        }
    }

    @Test
    void aNonCanonicalBooleanIsRefusedRatherThanPublishedAsFalse() throws IOException {
        String[] values = RECORDS.get(0).clone();
        values[5] = "да";
        try (JsonDataWriter writer = new JsonDataWriter(new ByteArrayOutputStream(), STRUCTURE)) {
            assertThatThrownBy(() -> writer.write(values)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("boolean");
        }
    }

    private void assertGolden(byte[] bytes, String name) throws IOException {
        Path actual = dir.resolve(name);
        Files.write(actual, bytes);
        Golden.assertMatches(actual, "format/" + name);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
