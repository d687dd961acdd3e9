package ru.gov.tomsk.opendata.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The map's settings on a running service: a tile server and a limit below the dataset's two located records.
 * The page is read as served (no script runs): the map script would take the tiles from it.
 */
class PassportMapSettingsTest {

    static final String PLACES = PassportPageBrowserTest.PLACES;

    @TempDir
    static Path home;
    static TestApp app;

    @BeforeAll
    static void publish() throws IOException {
        app = PassportPageBrowserTest.publishPlaces(home, Map.of(
                "opendata.pages.map.tile-url", "https://{s}.tiles.example/osm/{z}/{x}/{y}.png",
                "opendata.pages.map.attribution", "© участники OpenStreetMap",
                "opendata.pages.map.max-points", 1));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aLargerDatasetShowsItsFirstPointsAndSaysSo() throws Exception {
        HttpResponse<String> response = get();
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("#map-points > li")).hasSize(1);
        assertThat(page.select("#map-points .point-title").text()).isEqualTo("Музей истории Томска");
        assertThat(page.selectFirst("#map-summary").text()).startsWith("На карте первые 1 из 2 объектов с координатами; "
                + "все объекты — в файле data-20260320T0900-structure-20260320T0900.geojson.")
                .endsWith("Записей без координат: 1.");
    }

    @Test
    void theTileServerReachesTheMapAndOnlyItsImagesThePolicy() throws Exception {
        HttpResponse<String> response = get();
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("#map").attr("data-tile-url")).isEqualTo("https://{s}.tiles.example/osm/{z}/{x}/{y}.png");
        assertThat(page.selectFirst("#map").attr("data-attribution")).isEqualTo("© участники OpenStreetMap");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; "
                + "script-src 'self'; style-src 'self'; img-src 'self' https://*.tiles.example; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'");
    }

    static HttpResponse<String> get() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.port() + "/opendata/" + PLACES + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }
}
