package ru.gov.tomsk.opendata;

import java.time.Clock;
import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import ru.gov.tomsk.opendata.feed.FeedValidationCommand;
import ru.gov.tomsk.opendata.programme.mandates.MandateCatalogue;
import ru.gov.tomsk.opendata.source.SourceOptionChecks;

/*
 * Spring Boot's own Quartz scheduler stays off: the mail starter brings spring-context-support, which would let Boot
 * create an in-memory "quartzScheduler" bean that camel-quartz then takes over its own, silently dropping
 * camel.component.quartz.* (the clustered JDBC store among them). Every feed job belongs to Camel's scheduler.
 */
@SpringBootApplication(exclude = QuartzAutoConfiguration.class)
@ConfigurationPropertiesScan
public class OpendataBridgeApplication {

    public static void main(String[] args) {
        if (args.length > 0 && FeedValidationCommand.NAME.equals(args[0])) {
            FeedValidationCommand.quietLogs();
            System.exit(FeedValidationCommand.run(Arrays.copyOfRange(args, 1, args.length), SourceOptionChecks.all(),
                    MandateCatalogue::index));
        }
        SpringApplication.run(OpendataBridgeApplication.class, args);
    }

    /** The one clock of the service; tests replace it to make version stamps predictable. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }
}
