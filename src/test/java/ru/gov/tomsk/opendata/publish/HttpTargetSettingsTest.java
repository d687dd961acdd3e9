package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.http.HttpClients;

/** A misconfigured {@code http} target stops the start with a message naming the setting. */
class HttpTargetSettingsTest {

    static final URI PUBLIC = URI.create("https://opendata.example.ru/opendata/");
    static final String URL = "https://portal.example.ru/api/{identifier}/{version}";

    @Test
    void eachMissingOrWrongSettingIsNamed() {
        assertThatThrownBy(() -> targets(null, PUBLIC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("opendata.targets.portal.http.url is missing");
        assertThatThrownBy(() -> targets(http("ftp://user:secret@portal.example.ru/{identifier}", "POST", null, "json", "plain", null), PUBLIC))
                .hasMessage("opendata.targets.portal.http.url 'ftp://***@portal.example.ru/identifier' is not an http(s) URL");
        assertThatThrownBy(() -> targets(http(URL, "PATCH", null, "json", "plain", null), PUBLIC))
                .hasMessageStartingWith("opendata.targets.portal.http.method 'PATCH'");
        assertThatThrownBy(() -> targets(http(URL, "POST", null, "xml", "plain", null), PUBLIC))
                .hasMessageStartingWith("opendata.targets.portal.http.body 'xml'");
        assertThatThrownBy(() -> targets(http(URL, "POST", null, "json", "soap", null), PUBLIC))
                .hasMessageStartingWith("opendata.targets.portal.http.mode 'soap'");
        assertThatThrownBy(() -> targets(http(URL, "POST", "X-Key secret-value", "json", "plain", null), PUBLIC))
                .hasMessageStartingWith("opendata.targets.portal.http.headers: entry 1")
                .hasMessageNotContaining("secret-value");
        assertThatThrownBy(() -> targets(http(URL, "POST", null, "json", "plain", null), null))
                .hasMessageStartingWith("opendata.targets.portal.public-base-url is missing");
        assertThatThrownBy(() -> targets(http("https://ckan.example.ru/", "POST", null, "json", "ckan", null), null))
                .hasMessageStartingWith("opendata.targets.portal.http.organization is missing");

        assertThat(targets(http(URL, "put", "X-A: 1; X-B: 2", null, null, null), PUBLIC).target("portal")).get()
                .isInstanceOf(HttpTarget.class);
        assertThat(targets(http(URL, "POST", null, "multipart", "plain", null), null).target("portal")).get()
                .isInstanceOf(HttpTarget.class);
        assertThat(targets(http("https://ckan.example.ru", "POST", null, "json", "ckan", "org"), null).target("portal")).get()
                .isInstanceOf(CkanTarget.class);
    }

    @Test
    void theTokenStaysOutOfToString() {
        assertThat(http(URL, "POST", "X-Key: secret-value", "json", "plain", null).toString())
                .doesNotContain("secret-value", "the-token");
    }

    private static PublishProperties.Http http(String url, String method, String headers, String body, String mode,
                                               String organization) {
        return new PublishProperties.Http(url, method, headers, "the-token", body, mode, organization, Duration.ofSeconds(5));
    }

    private static DeliveryTargets targets(PublishProperties.Http http, URI publicBaseUrl) {
        PublishProperties.Target target = new PublishProperties.Target("http", null, publicBaseUrl,
                Duration.ofSeconds(10), Duration.ofSeconds(30), null, null, http);
        return new DeliveryTargets(new PublishProperties(Map.of("portal", target), OutboxSettingsTest.OUTBOX),
                List.of(new HttpTarget.Kind(new HttpClients())));
    }
}
