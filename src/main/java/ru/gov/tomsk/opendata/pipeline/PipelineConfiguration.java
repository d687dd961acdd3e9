package ru.gov.tomsk.opendata.pipeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.QuarantineReports;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.publish.Outbox;

@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean
    DatasetPipeline datasetPipeline(FeedRegistry registry, Catalog catalog, RunLog runLog, GateRepository gate,
                                    OpendataProperties properties, PortalDeliveries deliveries) {
        return new DatasetPipeline(registry, catalog, runLog, gate, new QuarantineReports(properties.quarantineDir()),
                properties.timeZone(), properties.workDir(), deliveries);
    }

    @Bean
    HeldVersions heldVersions(FeedRegistry registry, Catalog catalog, GateRepository gate, PortalDeliveries deliveries) {
        return new HeldVersions(registry, catalog, gate, deliveries);
    }

    @Bean
    PortalDeliveries portalDeliveries(Outbox outbox, FeedRegistry registry, Catalog catalog) {
        return new PortalDeliveries(outbox, registry, catalog);
    }

    @Bean
    DatasetRoute datasetRoute(DatasetPipeline pipeline) {
        return new DatasetRoute(pipeline);
    }
}
