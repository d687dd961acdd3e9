package ru.gov.tomsk.opendata.source.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HttpSourceConfiguration {

    /** Named as the {@code http-source} Kamelet calls it. */
    @Bean
    HttpRecords httpRecords() {
        return new HttpRecords();
    }
}
