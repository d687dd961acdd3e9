package ru.gov.tomsk.opendata.ops;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.feed.DatasetPipeline;
import ru.gov.tomsk.opendata.feed.DatasetPreview;
import ru.gov.tomsk.opendata.source.http.HttpRecords;

@Configuration(proxyBeanMethods = false)
class DryRunConfiguration {

    @Bean
    DatasetPreview datasetPreview(DatasetPipeline pipeline, Catalog catalog, OpendataProperties properties) {
        return new DatasetPreview(pipeline, catalog, properties.timeZone());
    }

    /** A RouteBuilder bean: Camel's Spring Boot starter adds it to the context. */
    @Bean
    DryRunRoute dryRunRoute(DatasetPreview preview, HttpRecords httpRecords) {
        return new DryRunRoute(preview, httpRecords);
    }
}
