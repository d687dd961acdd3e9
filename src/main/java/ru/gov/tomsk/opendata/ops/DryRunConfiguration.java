package ru.gov.tomsk.opendata.ops;

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
