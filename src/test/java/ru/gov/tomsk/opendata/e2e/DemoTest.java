package ru.gov.tomsk.opendata.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/** What a newcomer sees after {@code ./mvnw spring-boot:run}: the shipped config and demo feeds, published at start-up. */
class DemoTest {

    static final List<String> DEMO_FEEDS = List.of("7017000420-budget", "7017069388-schools", "7017107837-medorgs");
    static final String CULTURE = "7017004620-culture";

    @TempDir
    Path home;

    @Test
    void shippedConfigurationPublishesEveryDemoFeedAtStartUp() throws Exception {
        try (TestApp app = TestApp.startDemo(home, new MutableClock(Instant.parse("2026-11-26T10:00:00Z")))) {
            Path list = TestApp.portal(home).resolve("list.csv");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(list) && Fixtures.lines(list).size() == 5);
            for (String feed : DEMO_FEEDS) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !app.runs(feed).isEmpty()
                        && app.runs(feed).get(0).status() != RunStatus.RUNNING);
                FeedRun run = app.runs(feed).get(0);
                assertThat(run.status()).as("%s: %s", feed, run.message()).isEqualTo(RunStatus.PUBLISHED);
                assertThat(run.rowsRejected()).as(feed).isZero();
                assertThat(run.rowsWritten()).as(feed).isGreaterThanOrEqualTo(20);
            }
            assertThat(Fixtures.lines(list)).extracting(line -> line.split(",")[0])
                    .containsExactly("property", "standardversion", "7017000420-budget", "7017069388-schools", "7017107837-medorgs");
            // the location dataset carries WGS 84 coordinates inside the Tomsk region
            Path schools = TestApp.portal(home).resolve("7017069388-schools");
            List<String> meta = Fixtures.lines(schools.resolve("meta.csv"));
            String dataFile = meta.get(15).substring(0, meta.get(15).indexOf(',')) + ".csv";
            // every declared format of the newest version, and GeoJSON because schools have coordinates
            String stem = dataFile.substring(0, dataFile.length() - ".csv".length());
            for (String extension : List.of("json", "xml", "geojson")) {
                assertThat(schools.resolve(stem + "." + extension)).as(extension).isNotEmptyFile();
            }
            assertThat(Files.readString(schools.resolve(stem + ".geojson")))
                    .startsWith("{\"type\":\"FeatureCollection\",\"features\":[")
                    .contains("\"geometry\":{\"type\":\"Point\",\"coordinates\":[84.946305,56.503112]}");
            List<String> rows = Fixtures.lines(schools.resolve(dataFile));
            assertThat(rows.get(0)).endsWith(",latitude,longitude");
            assertThat(rows.subList(1, rows.size())).allSatisfy(row -> {
                String[] cells = row.split(",");
                double lat = Double.parseDouble(cells[cells.length - 2]);
                double lon = Double.parseDouble(cells[cells.length - 1]);
                assertThat(lat).isBetween(55.6, 61.1);
                assertThat(lon).isBetween(75.0, 89.3);
            });
        }
    }

    @Test
    void theDemoInboxPublishesAWindows1251ExcelExportDroppedIntoIt() throws Exception {
        try (TestApp app = TestApp.startDemo(home, new MutableClock(Instant.parse("2026-11-26T10:00:00Z")))) {
            Path inbox = Files.createDirectories(home.resolve("inbox/culture"));
            Files.copy(Path.of("src/main/resources/demo/drops/culture.csv"), inbox.resolve("culture.csv"));

            FeedRun run = app.run(CULTURE);

            assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(run.rowsWritten()).isEqualTo(6);
            Path dir = TestApp.portal(home).resolve(CULTURE);
            List<String> meta = Fixtures.lines(dir.resolve("meta.csv"));
            List<String> rows = Fixtures.lines(dir.resolve(meta.get(15).substring(0, meta.get(15).indexOf(',')) + ".csv"));
            assertThat(rows.get(0)).isEqualTo("id,name,kind,region,address,opened,visitors,latitude,longitude");
            // detected Windows-1251 and ';', constant and expression fields, decimal comma and thousands spaces
            assertThat(rows.get(1)).isEqualTo("1,Томский областной краеведческий музей им. М. Б. Шатилова,музей,"
                    + "Томская область,\"634050, г. Томск, пр. Ленина, д. 75\",1922-05-14,48500,56.47893,84.95064");
            assertThat(rows.get(4)).startsWith("4,\"Театр куклы и актёра \"\"Скоморох\"\" им. Р. Виндермана\",театр,");
        }
    }
}
