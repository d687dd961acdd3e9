package ru.gov.tomsk.opendata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * {@code opendata.base-url} when the operator left it unset: {@code http://localhost:<port><context-path>/opendata/}
 * of the port the service is served on, so that the demo on any port publishes links that work. With
 * {@code server.port=0} a free port is chosen here and the server is told to use it: every link is written before
 * the first request, and the links of a run at start-up must already name the port.
 *
 * <p>Outside the {@code demo} profile the start warns ({@link Check}): such links reach nobody but this host.
 */
public class LocalBaseUrl implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "opendataLocalBaseUrl";
    private static final String DEMO_PROFILE = "demo";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // blank counts as unset: a compose file's `${OPENDATA_BASE_URL:-}`
        if (StringUtils.hasText(environment.getProperty("opendata.base-url"))) {
            return;
        }
        int port = environment.getProperty("server.port", Integer.class, 8080);
        Map<String, Object> derived = new HashMap<>();
        if (port == 0) {
            port = freePort();
            derived.put("server.port", port);
        }
        String contextPath = environment.getProperty("server.servlet.context-path", "").replaceAll("/+$", "");
        String url = "http://localhost:" + port + contextPath + "/opendata/";
        derived.put("opendata.base-url", url);
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, derived));
    }

    /**
     * Said once the server runs, from the settings finally in force (an initializer may still set base-url): where
     * the links point, a warning outside the demo, and a mismatch if the server did not take the port after all.
     */
    @Component
    static class Check {

        private static final Logger LOG = LoggerFactory.getLogger(LocalBaseUrl.class);

        private final Environment environment;
        private final OpendataProperties properties;

        Check(Environment environment, OpendataProperties properties) {
            this.environment = environment;
            this.properties = properties;
        }

        @EventListener
        void served(WebServerInitializedEvent event) {
            // the management server, if it has a port of its own, serves no links
            if (event.getApplicationContext().getServerNamespace() != null
                    || !(environment instanceof ConfigurableEnvironment configurable) || configurable.getPropertySources().get(SOURCE) == null
                    || !properties.baseUrl().equals(configurable.getPropertySources().get(SOURCE).getProperty("opendata.base-url"))) {
                return;
            }
            int served = event.getWebServer().getPort();
            if (!properties.baseUrl().startsWith("http://localhost:" + served + "/")) {
                LOG.warn("opendata.base-url is not set and the server is on port {}, not the one of {}: set opendata.base-url",
                        served, properties.baseUrl());
            } else if (!environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
                LOG.warn("opendata.base-url is not set: published links (list.csv, meta.csv, passports, sitemap) point at {}, "
                        + "which only this host can reach. Set opendata.base-url to the section's public address, "
                        + "e.g. https://opendata.tomsk.gov.ru/opendata/", properties.baseUrl());
            } else {
                LOG.info("opendata.base-url is not set: links point at {}", properties.baseUrl());
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for server.port=0", e);
        }
    }

    /** After the config files are read (ConfigDataEnvironmentPostProcessor), so that their settings count. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
