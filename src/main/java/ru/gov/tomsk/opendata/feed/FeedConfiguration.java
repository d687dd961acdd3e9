package ru.gov.tomsk.opendata.feed;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.QuarantineReports;
import ru.gov.tomsk.opendata.catalog.RunLog;

@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

    @Bean
    FeedRules feedRules(OpendataProperties properties, Environment environment, SourceChecks checks) {
        return FeedRules.of(properties.datasources().keySet(), environment::getProperty, checks.byKind());
    }

    @Bean
    FeedRegistry feedRegistry(OpendataProperties properties, FeedRules rules) {
        return new FeedRegistry(properties.feedsDir(), rules);
    }

    @Bean
    DatasetPipeline datasetPipeline(FeedRegistry registry, Catalog catalog, RunLog runLog, GateRepository gate,
                                    OpendataProperties properties) {
        return new DatasetPipeline(registry, catalog, runLog, gate, new QuarantineReports(properties.quarantineDir()),
                properties.timeZone(), properties.workDir());
    }

    @Bean
    HeldVersions heldVersions(FeedRegistry registry, Catalog catalog, GateRepository gate) {
        return new HeldVersions(registry, catalog, gate);
    }

    @Bean
    DatasetRoute datasetRoute(DatasetPipeline pipeline) {
        return new DatasetRoute(pipeline);
    }
}
