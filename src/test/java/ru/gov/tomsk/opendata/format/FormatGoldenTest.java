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
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ru.gov.tomsk.opendata.dataset.Structure;
import ru.gov.tomsk.opendata.support.Golden;

/** Byte-exact output of every JSON, XML and GeoJSON file against reviewed goldens in {@code golden/format/}. */
class FormatGoldenTest {

    @TempDir
    Path dir;

    /** Each file the service writes in JSON, XML or GeoJSON, rendered from the fixture, with its golden's name. */
    static Stream<Arguments> files() {
        return Stream.of(
                golden("data.json", () -> FormatFixture.data(JsonDataWriter::new, RECORDS)),
                golden("data.xml", () -> FormatFixture.data(XmlDataWriter::new, RECORDS)),
                golden("data.geojson", () -> FormatFixture.data(GeoJsonDataWriter::new, RECORDS)),
                golden("structure.xsd", () -> XsdStructure.render(STRUCTURE)),
                golden("structure.json", () -> JsonSchemaStructure.render(STRUCTURE)),
                golden("meta.json", () -> MetaJson.render(META)),
                golden("meta.xml", () -> MetaXml.render(META)),
                golden("list.json", () -> RegistryJson.render(STANDARD, REGISTRY)),
                golden("list.xml", () -> RegistryXml.render(STANDARD, REGISTRY)));
    }

    private static Arguments golden(String name, Supplier<byte[]> render) {
        return Arguments.of(name, render);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void matchesItsGolden(String name, Supplier<byte[]> render) throws IOException {
        assertGolden(render.get(), name);
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
