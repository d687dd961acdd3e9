package ru.gov.tomsk.opendata.source.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ru.gov.tomsk.opendata.http.HttpClients;

@Configuration(proxyBeanMethods = false)
class HttpSourceConfiguration {

    /** Named as the {@code http-source} Kamelet calls it. */
    @Bean
    HttpRecords httpRecords(HttpClients http) {
        return new HttpRecords(http);
    }
}
