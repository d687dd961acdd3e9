package ru.gov.tomsk.opendata.source;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.FeedRules;

@Configuration(proxyBeanMethods = false)
class SourceConfiguration {

    @Bean(destroyMethod = "close")
    SourceDatasources sourceDatasources(OpendataProperties properties) {
        return new SourceDatasources(properties);
    }

    @Bean
    FeedRouteConfiguration feedRouteConfiguration(RunLog runLog, OpendataProperties properties, Clock clock) {
        return new FeedRouteConfiguration(runLog, properties.timeZone(), clock);
    }

    @Bean
    FeedRoutes feedRoutes(FeedRegistry registry, FeedRules rules, SourceDatasources datasources, RunLog runLog,
                          OpendataProperties properties) {
        return new FeedRoutes(registry, rules, datasources, runLog, properties.timeZone());
    }
}
