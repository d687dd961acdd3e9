package ru.gov.tomsk.opendata.catalog;

import java.io.IOException;
import java.net.MalformedURLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.core.io.UrlResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.lang.Nullable;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.resource.PathResourceResolver;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

import ru.gov.tomsk.opendata.OpendataProperties;

/**
 * Serves the published tree read-only at {@code /opendata/}: only the files the catalogue committed
 * ({@link CommittedFiles}; anything else in the folder answers 404), each with the content type of its format,
 * fixed here rather than guessed, so that nothing from the tree is ever served as a page of this site. Spring's
 * resource handling already refuses paths that leave the directory (including encoded {@code ..}).
 *
 * <p>The human pages share {@code /opendata/}: annotated controllers are consulted first, and this mapping sits
 * where Spring puts its own static resources (just before the default {@code /**} one).
 */
@Configuration(proxyBeanMethods = false)
class PublishedTreeWebConfig {

    /**
     * Content types by format. CSV and XML name their charset (consumers must not have to guess UTF-8); the JSON
     * types define none (RFC 8259: JSON is UTF-8).
     */
    static final Map<String, MediaType> CONTENT_TYPES = Map.of(
            "csv", MediaType.parseMediaType("text/csv;charset=UTF-8"),
            "json", MediaType.APPLICATION_JSON,
            "geojson", MediaType.parseMediaType("application/geo+json"),
            "xml", MediaType.parseMediaType("application/xml;charset=UTF-8"),
            "xsd", MediaType.parseMediaType("application/xml;charset=UTF-8"));

    @Bean
    SimpleUrlHandlerMapping publishedTreeMapping(OpendataProperties properties, CommittedFiles committed)
            throws Exception {
        PublishedTreeHandler handler = new PublishedTreeHandler();
        handler.setLocations(List.of(treeLocation(properties)));
        handler.setResourceResolvers(List.of(new CommittedFilesOnly(committed)));
        // open data is public and changes at most a few times a day; passports are revalidated by Last-Modified
        handler.setCacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic());
        handler.afterPropertiesSet();
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/opendata/**", handler));
        mapping.setOrder(Ordered.LOWEST_PRECEDENCE - 2);
        return mapping;
    }

    /** Before Spring Security, so that a browser's preflight is answered without asking for credentials. */
    @Bean
    FilterRegistrationBean<OpenDataCors> openDataCors() {
        FilterRegistrationBean<OpenDataCors> registration = new FilterRegistrationBean<>(new OpenDataCors());
        registration.addUrlPatterns("/opendata/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    private static Resource treeLocation(OpendataProperties properties) throws MalformedURLException {
        String location = properties.portalDir().toAbsolutePath().normalize().toUri().toString();
        return new UrlResource(location.endsWith("/") ? location : location + "/");
    }

    /** The tree's own content types and {@code nosniff}, so that no browser reads a data file as anything else. */
    private static final class PublishedTreeHandler extends ResourceHttpRequestHandler {

        @Override
        @Nullable
        protected MediaType getMediaType(HttpServletRequest request, Resource resource) {
            return CONTENT_TYPES.get(extension(resource.getFilename()));
        }

        @Override
        protected void setHeaders(HttpServletResponse response, Resource resource, @Nullable MediaType mediaType)
                throws IOException {
            super.setHeaders(response, resource, mediaType);
            response.setHeader("X-Content-Type-Options", "nosniff");
        }
    }

    /** Resolves only committed files whose format has a content type; everything else is not found. */
    private static final class CommittedFilesOnly extends PathResourceResolver {

        private final CommittedFiles committed;

        CommittedFilesOnly(CommittedFiles committed) {
            this.committed = committed;
        }

        @Override
        @Nullable
        protected Resource getResource(String resourcePath, Resource location) throws IOException {
            if (!CONTENT_TYPES.containsKey(extension(resourcePath)) || !committed.isCommitted(resourcePath)) {
                return null;
            }
            return super.getResource(resourcePath, location);
        }
    }

    private static String extension(@Nullable String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }
}
