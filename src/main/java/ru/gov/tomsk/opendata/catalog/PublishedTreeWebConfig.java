package ru.gov.tomsk.opendata.catalog;

import java.io.IOException;
import java.time.Duration;

import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.lang.Nullable;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

import ru.gov.tomsk.opendata.OpendataProperties;

/**
 * Serves the published tree read-only at {@code /opendata/}. Spring's resource handling already refuses
 * paths that leave the directory (including encoded {@code ..}); on top of that, hidden files
 * (temporary files of writes in progress) are never served.
 */
@Configuration(proxyBeanMethods = false)
class PublishedTreeWebConfig implements WebMvcConfigurer {

    private final OpendataProperties properties;

    PublishedTreeWebConfig(OpendataProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String location = properties.portalDir().toAbsolutePath().normalize().toUri().toString();
        registry.addResourceHandler("/opendata/**")
                .addResourceLocations(location.endsWith("/") ? location : location + "/")
                // open data is public and changes at most a few times a day; passports are revalidated by Last-Modified
                .setCacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .resourceChain(false)
                .addResolver(new VisibleFilesOnly());
    }

    /**
     * The servlet container's mime table decides the content type of static files, so the published
     * formats are declared there, all with their charset: consumers must not have to guess UTF-8.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> openDataMimeTypes() {
        return factory -> {
            MimeMappings mappings = new MimeMappings(MimeMappings.DEFAULT);
            mappings.add("csv", "text/csv;charset=UTF-8");
            mappings.add("json", "application/json;charset=UTF-8");
            mappings.add("geojson", "application/geo+json;charset=UTF-8");
            mappings.add("xml", "application/xml;charset=UTF-8");
            mappings.add("xsd", "application/xml;charset=UTF-8");
            mappings.add("html", "text/html;charset=UTF-8");
            factory.setMimeMappings(mappings);
        };
    }

    private static final class VisibleFilesOnly extends PathResourceResolver {
        @Override
        @Nullable
        protected Resource getResource(String resourcePath, Resource location) throws IOException {
            for (String segment : resourcePath.split("/")) {
                if (segment.startsWith(".")) {
                    return null;
                }
            }
            return super.getResource(resourcePath, location);
        }
    }
}
