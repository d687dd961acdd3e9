package ru.gov.tomsk.opendata.http;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every outgoing call gets from the one factory, seen by a real HTTP server. */
class HttpClientsTest {

    WireMockServer server;
    final HttpClients http = new HttpClients();

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(get(anyUrl()).willReturn(ok("fine")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aRequestNamesTheServiceAndAsksNoHttp2Upgrade() throws Exception {
        HttpResponse<String> response = http.client(Duration.ofSeconds(5), HttpClient.Redirect.NEVER)
                .send(http.request(URI.create(server.url("/x")), Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("fine");
        // HTTP/1.1 only: an HTTP/2 client would send "Upgrade: h2c", which proxies of public-sector APIs mishandle
        server.verify(getRequestedFor(urlPathEqualTo("/x"))
                .withHeader("User-Agent", equalTo(HttpClients.USER_AGENT))
                .withHeader("Upgrade", absent()));
        assertThat(HttpClients.USER_AGENT).startsWith("opendata-bridge");
    }

    @Test
    void oneClientPerConnectTimeoutAndRedirectPolicy() {
        HttpClient never = http.client(Duration.ofSeconds(10), HttpClient.Redirect.NEVER);
        HttpClient normal = http.client(Duration.ofSeconds(10), HttpClient.Redirect.NORMAL);
        HttpClient shorter = http.client(Duration.ofSeconds(2), HttpClient.Redirect.NEVER);

        assertThat(http.client(Duration.ofSeconds(10), HttpClient.Redirect.NEVER)).isSameAs(never);
        assertThat(normal).isNotSameAs(never);
        assertThat(normal.followRedirects()).isEqualTo(HttpClient.Redirect.NORMAL);
        assertThat(shorter.connectTimeout()).contains(Duration.ofSeconds(2));
        assertThat(never.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }

    @Test
    void callsGoThroughTheJvmsProxy() throws Exception {
        ProxySelector before = ProxySelector.getDefault();
        // as -Dhttp.proxyHost=localhost -Dhttp.proxyPort=<port> would set it: the server stands in for the proxy
        ProxySelector.setDefault(ProxySelector.of(new InetSocketAddress("localhost", server.port())));
        try {
            HttpResponse<String> response = new HttpClients().client(Duration.ofSeconds(5), HttpClient.Redirect.NEVER)
                    .send(http.request(URI.create("http://portal.example.invalid/registry"), Duration.ofSeconds(5))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo("fine");
            server.verify(getRequestedFor(urlPathEqualTo("/registry")).withHeader("Host", equalTo("portal.example.invalid")));
        } finally {
            ProxySelector.setDefault(before);
        }
    }
}
