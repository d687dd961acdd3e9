package ru.gov.tomsk.opendata.feed;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import ru.gov.tomsk.opendata.OpendataProperties;

@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

    @Bean
    FeedRules feedRules(OpendataProperties properties, Environment environment, SourceChecks checks,
                        ObjectProvider<MandateIndex.Provider> mandates) {
        return FeedRules.of(properties.datasources().keySet(), environment::getProperty, checks.byKind())
                .withKinds(SourceKinds.load(environment.getProperty("camel.component.kamelet.location",
                        SourceKinds.DEFAULT_LOCATIONS)))
                .withTargets(properties.targets().keySet())
                // looked up at each parse: the catalogue bean is the programme's, and may come later in the context
                .withMandates(() -> {
                    MandateIndex.Provider provider = mandates.getIfAvailable();
                    return provider == null ? MandateIndex.UNCHECKED : provider.index();
                });
    }

    @Bean
    FeedRegistry feedRegistry(OpendataProperties properties, FeedRules rules) {
        return new FeedRegistry(properties.feedsDir(), rules);
    }

    @Bean
    FeedPublishLists feedPublishLists(FeedRegistry registry) {
        return new FeedPublishLists(registry);
    }
}
