package ru.gov.tomsk.opendata.source.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.FeedRules;
import ru.gov.tomsk.opendata.http.HttpClients;

@Configuration(proxyBeanMethods = false)
class HttpSourceConfiguration {

    /** Named as the {@code http-source} route template calls it. */
    @Bean
    HttpRecords httpRecords(FeedRegistry registry, FeedRules rules, HttpClients http) {
        return new HttpRecords(registry, rules.kind("http").orElseThrow(), http);
    }
}
