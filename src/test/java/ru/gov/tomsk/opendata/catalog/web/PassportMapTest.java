package ru.gov.tomsk.opendata.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map's points from a published GeoJSON file, and what the map settings accept. */
class PassportMapTest {

    // as GeoJsonDataWriter writes it: one feature per line, a record without coordinates has a null geometry
    static final String GEOJSON = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[84.952,56.4884]},"properties":{"id":1,"kind":"музей","name":"Музей истории","address":"пр. Ленина, 1"}},
            {"type":"Feature","geometry":null,"properties":{"id":2,"name":"Сквер"}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[84.956,56.486]},"properties":{"id":3,"note":"без названия","Адрес объекта":"ул. Мира, 2"}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[85.0,56.5]},"properties":{"id":4,"name":"Театр"}}
            ]}
            """;

    @TempDir
    Path dir;

    PassportMapProperties settings(int maxPoints) {
        return new PassportMapProperties("", "", maxPoints);
    }

    @Test
    void keepsTheFirstPointsCountsTheRestAndPicksNameAndAddress() throws IOException {
        Path file = Files.writeString(dir.resolve("data-1.geojson"), GEOJSON);

        PassportMap map = PassportMap.read(file, settings(2));

        assertThat(map.points()).containsExactly(
                new PassportMap.Point(56.4884, 84.952, "Музей истории", "пр. Ленина, 1"),
                // no field called a name: the first text stands for it
                new PassportMap.Point(56.486, 84.956, "без названия", "ул. Мира, 2"));
        assertThat(map.located()).isEqualTo(3);
        assertThat(map.records()).isEqualTo(4);
        assertThat(map.cut()).isTrue();
        assertThat(map.geojson()).isEqualTo("data-1.geojson");
        assertThat(PassportMap.read(file, settings(10)).cut()).isFalse();
    }

    @Test
    void aFileWithoutFeaturesIsAnErrorNotAnEmptyMap() throws IOException {
        Path file = Files.writeString(dir.resolve("data-2.geojson"), "{\"type\":\"FeatureCollection\"}");
        assertThatThrownBy(() -> PassportMap.read(file, settings(10))).isInstanceOf(IOException.class)
                .hasMessageContaining("data-2.geojson");
    }

    @Test
    void theTileServersOriginIsWhatThePolicyLetsIn() {
        assertThat(new PassportMapProperties("", "", 10).tileOrigin()).isNull();
        assertThat(new PassportMapProperties(" https://tile.openstreetmap.org/{z}/{x}/{y}.png ", "© OpenStreetMap", 10)
                .tileOrigin()).isEqualTo("https://tile.openstreetmap.org");
        assertThat(new PassportMapProperties("https://{s}.tiles.example:8443/map/{z}/{x}/{y}.png", "", 10).tileOrigin())
                .isEqualTo("https://*.tiles.example:8443");
    }

    @Test
    void aTileUrlThatCannotWorkStopsTheStart() {
        assertThatThrownBy(() -> new PassportMapProperties("https://tiles.example/map.png", "", 10))
                .hasMessageContaining("opendata.pages.map.tile-url must contain {z}, {x} and {y}");
        assertThatThrownBy(() -> new PassportMapProperties("javascript:alert(1)//{z}{x}{y}", "", 10))
                .hasMessageContaining("must be an http(s) address with a host");
        assertThatThrownBy(() -> new PassportMapProperties("/tiles/{z}/{x}/{y}.png", "", 10))
                .hasMessageContaining("must be an http(s) address with a host");
    }
}
