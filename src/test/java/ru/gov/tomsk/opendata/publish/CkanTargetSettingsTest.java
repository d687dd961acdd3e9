package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.http.HttpClients;

/** A misconfigured {@code ckan} target stops the start with a message naming the setting. */
class CkanTargetSettingsTest {

    @Test
    void eachMissingOrWrongSettingIsNamed() {
        assertThatThrownBy(() -> targets(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("opendata.targets.portal.ckan.url is missing");
        assertThatThrownBy(() -> targets(new PublishProperties.Ckan(null, "t", "org", null)))
                .hasMessageStartingWith("opendata.targets.portal.ckan.url is missing");
        assertThatThrownBy(() -> targets(new PublishProperties.Ckan(URI.create("ftp://user:secret@ckan.example.ru/"), "t", "org", null)))
                .hasMessage("opendata.targets.portal.ckan.url 'ftp://***@ckan.example.ru/' is not an http(s) URL");
        assertThatThrownBy(() -> targets(new PublishProperties.Ckan(URI.create("https://ckan.example.ru"), " ", "org", null)))
                .hasMessageStartingWith("opendata.targets.portal.ckan.token is missing");
        assertThatThrownBy(() -> targets(new PublishProperties.Ckan(URI.create("https://ckan.example.ru"), "t", null, null)))
                .hasMessageStartingWith("opendata.targets.portal.ckan.organization is missing");
        DeliveryTargets ok = targets(new PublishProperties.Ckan(URI.create("https://ckan.example.ru"), "t", "org", Duration.ofSeconds(5)));
        assertThat(ok.target("portal")).get().isInstanceOf(CkanTarget.class);
    }

    private static DeliveryTargets targets(PublishProperties.Ckan ckan) {
        PublishProperties.Target target = new PublishProperties.Target("ckan", null, null,
                Duration.ofSeconds(10), Duration.ofSeconds(30), ckan);
        return new DeliveryTargets(new PublishProperties(Map.of("portal", target), OutboxSettingsTest.OUTBOX),
                List.of(new CkanTarget.Kind(new HttpClients())));
    }
}
