package ru.gov.tomsk.opendata.catalog.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * The section's own style sheet at {@code /opendata/assets/}, inside the section: a proxy that forwards only
 * {@code /opendata/} to this service still serves it, and the pages' Content-Security-Policy ({@code style-src 'self'})
 * needs it as a file, not inline. {@code assets} can never be a dataset folder (identifiers start with an ИНН).
 * The published tree's {@code /opendata/**} is a mapping of its own that answers 404 for anything the catalogue did
 * not commit, so this mapping is ordered before it rather than relying on pattern specificity.
 *
 * <p>Leaflet, for the passport page's map, is served from its WebJar at {@link #LEAFLET}: the same site, so the
 * policy's {@code script-src 'self'} admits it and no third-party script runs.
 */
@Configuration(proxyBeanMethods = false)
class SectionAssetsWebConfig {

    static final String PATH = "/opendata/assets/";
    static final String LEAFLET = PATH + "leaflet/";
    // the version of org.webjars.npm:leaflet in the pom; a new version changes the folder inside the jar
    static final String LEAFLET_JAR_DIR = "META-INF/resources/webjars/leaflet/1.9.4/dist/";

    @Bean
    SimpleUrlHandlerMapping sectionAssetsMapping() throws Exception {
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of(
                LEAFLET + "**", handler(LEAFLET_JAR_DIR, Duration.ofDays(7)),
                PATH + "**", handler("static" + PATH, Duration.ofHours(1))));
        mapping.setOrder(Ordered.LOWEST_PRECEDENCE - 3);
        return mapping;
    }

    private static ResourceHttpRequestHandler handler(String classpathDir, Duration maxAge) throws Exception {
        ResourceHttpRequestHandler handler = new ResourceHttpRequestHandler();
        handler.setLocations(List.of(new ClassPathResource(classpathDir)));
        handler.setCacheControl(CacheControl.maxAge(maxAge).cachePublic());
        handler.afterPropertiesSet();
        return handler;
    }
}
