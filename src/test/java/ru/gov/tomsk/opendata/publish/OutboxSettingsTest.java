package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.http.HttpClients;

/** Backoff, masking of secrets, and the start-up checks of target settings. */
class OutboxSettingsTest {

    static final PublishProperties.Outbox OUTBOX = new PublishProperties.Outbox(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofHours(1), Duration.ofDays(3), Duration.ofMinutes(30), 50);
    static final OpendataProperties OPENDATA = new OpendataProperties(ZoneId.of("Asia/Tomsk"), "http://localhost/opendata/",
            "http://opendata.gosmonitor.ru/standard/3.0", Path.of("data/portal/opendata"), Path.of("config/feeds"),
            Path.of("data/work"), Path.of("data/quarantine"), Map.of(), Map.of(), OUTBOX, null);

    @Test
    void backoffDoublesFromTheBaseUpToTheCap() {
        assertThat(List.of(1, 2, 3, 4, 7, 8, 100).stream().map(OUTBOX::backoff).toList()).containsExactly(
                Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(32), Duration.ofHours(1), Duration.ofHours(1));
    }

    @Test
    void credentialsInUrlsNeverReachTheStoredError() {
        assertThat(Redaction.clean("HTTP 401 for https://opendata:s3cret@portal.example.ru/api?access_token=abc&page=2"))
                .isEqualTo("HTTP 401 for https://***@portal.example.ru/api?access_token=***&page=2");
        assertThat(Redaction.clean("x".repeat(3000))).hasSize(Redaction.MAX_LENGTH);
    }

    @Test
    void aMisconfiguredTargetStopsTheStartWithTheSettingToFix() {
        assertThatThrownBy(() -> targets(Map.of("regional", target("sftpp", null, null))))
                .hasMessage("opendata.targets.regional.kind: unknown kind 'sftpp'; expected one of: directory, harvest");
        assertThatThrownBy(() -> targets(Map.of("regional", target(null, null, null))))
                .hasMessage("opendata.targets.regional.kind is missing; expected one of: directory, harvest");
        assertThatThrownBy(() -> targets(Map.of("regional", target("directory", null, null))))
                .hasMessage("opendata.targets.regional.path is missing: the directory to mirror into");
        assertThatThrownBy(() -> targets(Map.of("regional", target("directory", Path.of("data/portal/opendata/mirror"), null))))
                .hasMessageStartingWith("opendata.targets.regional.path data/portal/opendata/mirror is inside the published tree");
        // no public-base-url: the portal harvests the service's own section (opendata.base-url)
        assertThat(targets(Map.of("federal", target("harvest", null, null))).names()).containsExactly("federal");
        assertThatThrownBy(() -> targets(Map.of("federal", target("harvest", null, URI.create("ftp://user:pw@portal/")))))
                .hasMessage("opendata.targets.federal.public-base-url 'ftp://***@portal/' is not an http(s) URL");
        assertThatThrownBy(() -> targets(Map.of("Federal Portal", target("harvest", null, URI.create("https://portal/")))))
                .hasMessageStartingWith("opendata.targets.Federal Portal: a target name is lower-case letters");

        DeliveryTargets ok = targets(Map.of("federal", target("harvest", null, URI.create("https://data.example.ru/opendata")),
                "regional", target("directory", Path.of("data/regional"), null)));
        assertThat(ok.names()).containsExactly("federal", "regional");
    }

    private static DeliveryTargets targets(Map<String, PublishProperties.Target> targets) {
        return new DeliveryTargets(new PublishProperties(targets, OUTBOX),
                List.of(new DirectoryTarget.Kind(null, OPENDATA), new HarvestTarget.Kind(OPENDATA, new HttpClients())));
    }

    private static PublishProperties.Target target(String kind, Path path, URI url) {
        return new PublishProperties.Target(kind, path, url, Duration.ofSeconds(10), Duration.ofSeconds(30), null);
    }
}
