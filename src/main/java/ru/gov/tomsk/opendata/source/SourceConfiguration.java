package ru.gov.tomsk.opendata.source;

import java.time.Clock;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.FeedRules;
import ru.gov.tomsk.opendata.feed.SourceChecks;
import ru.gov.tomsk.opendata.source.drop.AbsoluteDropDirectories;
import ru.gov.tomsk.opendata.source.drop.CompleteDrops;

@Configuration(proxyBeanMethods = false)
class SourceConfiguration {

    @Bean
    SourceChecks sourceChecks() {
        return SourceOptionChecks.all();
    }

    @Bean(destroyMethod = "close")
    SourceDatasources sourceDatasources(OpendataProperties properties) {
        return new SourceDatasources(properties);
    }

    /** {@code #sourceRowMappers} of the sql-source Kamelet, for runs and dry runs: date and time columns read as java.time. */
    @Bean(SourceRowMappers.BEAN)
    SourceRowMappers sourceRowMappers() {
        return new SourceRowMappers();
    }

    @Bean
    FeedRouteConfiguration feedRouteConfiguration(RunLog runLog, OpendataProperties properties, Clock clock,
                                                  FileDrops fileDrops) {
        return new FeedRouteConfiguration(runLog, properties.timeZone(), clock, fileDrops);
    }

    /** {@code #processedFiles} of the file-drop Kamelets; bean names are what the Kamelets refer to. */
    @Bean(ProcessedFiles.BEAN)
    ProcessedFiles processedFiles(DataSource stateDatabase) {
        return new ProcessedFiles(stateDatabase);
    }

    @Bean(FileDrops.BEAN)
    FileDrops fileDrops(Clock clock, OpendataProperties properties) {
        return new FileDrops(clock, properties.timeZone());
    }

    /** {@code #completeDrops} of the file-drop Kamelets: when a dropped file is read, and where it goes after. */
    @Bean(CompleteDrops.BEAN)
    CompleteDrops completeDrops() {
        return new CompleteDrops();
    }

    @Bean
    AbsoluteDropDirectories absoluteDropDirectories() {
        return new AbsoluteDropDirectories();
    }

    /** The refused files of the file-drop feeds; Camel looked up when used, so it starts with its own lifecycle. */
    @Bean
    RejectedFiles rejectedFiles(FeedRegistry registry, FeedRules rules, ObjectProvider<CamelContext> camel) {
        return new RejectedFiles(registry, rules, camel::getObject);
    }

    @Bean(PayloadRecords.BEAN)
    PayloadRecords payloadRecords() {
        return new PayloadRecords();
    }

    @Bean
    FeedRoutes feedRoutes(FeedRegistry registry, FeedRules rules, SourceDatasources datasources, RunLog runLog,
                          OpendataProperties properties) {
        return new FeedRoutes(registry, rules, datasources, runLog, properties.timeZone(), properties.workDir());
    }

    /**
     * Given Camel's thread pools through a provider, not the context: a lifecycle bean that depends on the context
     * makes Spring start Camel with its own lifecycle, before the routes are added (they then never are).
     */
    @Bean
    FeedRouteReloader feedRouteReloader(FeedRegistry registry, FeedRoutes routes, RunLog runLog,
                                        FeedReloadProperties properties, ObjectProvider<CamelContext> camel) {
        return new FeedRouteReloader(registry, routes, runLog, properties,
                () -> camel.getObject().getExecutorServiceManager());
    }
}
