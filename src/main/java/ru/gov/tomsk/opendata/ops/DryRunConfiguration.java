package ru.gov.tomsk.opendata.ops;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.pipeline.DatasetPipeline;
import ru.gov.tomsk.opendata.pipeline.DatasetPreview;
import ru.gov.tomsk.opendata.source.DryRunRoutes;
import ru.gov.tomsk.opendata.source.FeedRouteConfiguration;

@Configuration(proxyBeanMethods = false)
class DryRunConfiguration {

    /**
     * Uploads are drafts only (a feed file and a sample): one request may carry the largest of each, a little more
     * for the form's fields. Larger parts are kept on disk while they are read, in the container's temporary folder.
     */
    @Bean
    MultipartConfigElement multipartConfig(DryRunProperties settings) {
        long request = settings.maxSampleSize().toBytes() + FeedFileValidator.MAX_BYTES + 64 * 1024;
        return new MultipartConfigElement("", -1, request, 1024 * 1024);
    }

    @Bean
    DatasetPreview datasetPreview(DatasetPipeline pipeline, Catalog catalog, OpendataProperties properties) {
        return new DatasetPreview(pipeline, catalog, properties.timeZone());
    }

    /**
     * Named as the Kamelets' {@code pollStrategy} parameter refers to it in a dry run; a RouteConfigurationBuilder,
     * so Camel's Spring Boot starter adds its route configuration.
     */
    @Bean(DryRunRoutes.POLLS)
    DryRunRoutes dryRunRoutes(DatasetPreview preview, FeedRouteConfiguration runs, OpendataProperties properties) {
        return new DryRunRoutes(preview, runs, properties.timeZone(), properties.workDir());
    }
}
