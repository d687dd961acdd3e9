package ru.gov.tomsk.opendata.catalog.web;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The section's own style sheet at {@code /opendata/assets/}, inside the section: a proxy that forwards only
 * {@code /opendata/} to this service still serves it, and the pages' Content-Security-Policy ({@code style-src 'self'})
 * needs it as a file, not inline. {@code assets} can never be a dataset folder (identifiers start with an ИНН), and the
 * more specific pattern wins over the published tree's {@code /opendata/**}.
 */
@Configuration(proxyBeanMethods = false)
class SectionAssetsWebConfig implements WebMvcConfigurer {

    static final String PATH = "/opendata/assets/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATH + "**")
                .addResourceLocations("classpath:/static" + PATH)
                .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic());
    }
}
