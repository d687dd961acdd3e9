package ru.gov.tomsk.opendata.programme;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the region's open-data programme ({@code opendata.programme.*}, docs/programme.md): the departments
 * and their contacts, the requests for new datasets, the mandated lists and the published-datasets indicator.
 *
 * @param departments the departments by ИНН (the first part of their feeds' identifiers): name and e-mail of the
 *                    open-data contact, who gets the department's report and the requests routed to it
 * @param requests    requests for new datasets
 * @param mandatesDir directory of the mandated lists' catalogue ({@code *.yaml}, docs/mandates.md)
 * @param targets     the state programme's target for the cumulative number of published datasets, by year
 * @param reports     the departments' reports mailed on a schedule
 */
@Validated
@ConfigurationProperties("opendata.programme")
public record ProgrammeProperties(
        Map<String, @Valid Department> departments,
        @Valid @NestedConfigurationProperty @DefaultValue Requests requests,
        @NotNull @DefaultValue("config/mandates") Path mandatesDir,
        Map<Integer, @PositiveOrZero Integer> targets,
        @Valid @NestedConfigurationProperty @DefaultValue Reports reports) {

    public ProgrammeProperties {
        departments = departments == null ? Map.of() : Map.copyOf(new TreeMap<>(departments));
        targets = targets == null ? Map.of() : Map.copyOf(new TreeMap<>(targets));
    }

    /** The department of an ИНН, if configured. */
    public Optional<Department> department(String inn) {
        return Optional.ofNullable(departments.get(inn));
    }

    /**
     * @param name  the department's name as the public page shows it
     * @param email where its report and the requests routed to it go; none: nothing is mailed to it
     */
    public record Department(String name, @Email String email) {
    }

    /**
     * @param answerDays      calendar days from registration to the deadline of the answer
     * @param warnDays        a request unanswered this many days before its deadline is at risk
     * @param perAddress      requests accepted from one address per {@code perAddressWindow}
     * @param perAddressWindow the window of {@code perAddress}
     * @param maxTextLength   longest answer of each text field of the form, in characters
     * @param maxBodySize     largest form body accepted, in bytes
     * @param mailFrom        sender of the notices; none: notices are not sent (and the console says so)
     * @param noticeRetries   attempts to send a notice before it is given up as FAILED
     * @param noticeBackoff   wait before the first retry of a notice, doubled after each
     */
    public record Requests(@Positive @DefaultValue("30") int answerDays,
                           @PositiveOrZero @DefaultValue("7") int warnDays,
                           @Positive @DefaultValue("5") int perAddress,
                           @NotNull @DefaultValue("1h") Duration perAddressWindow,
                           @Positive @DefaultValue("2000") int maxTextLength,
                           @Positive @DefaultValue("16384") int maxBodySize,
                           @Email String mailFrom,
                           @Positive @DefaultValue("8") int noticeRetries,
                           @NotNull @DefaultValue("5m") Duration noticeBackoff) {
    }

    /**
     * @param enabled       whether the reports are mailed on the schedule (the console's «Отправить отчёт сейчас»
     *                      works either way)
     * @param cron          when a new period's reports go out: a Spring cron expression (second minute hour day
     *                      month weekday) in the region's zone {@code opendata.time-zone}
     * @param mailFrom      sender of the reports; none: {@code requests.mail-from}
     * @param checkInterval how often the service looks whether a period began and its reports are still to be sent
     */
    public record Reports(@DefaultValue("true") boolean enabled,
                          @NotNull @DefaultValue("0 0 9 1 * *") String cron,
                          @Email String mailFrom,
                          @NotNull @DefaultValue("1m") Duration checkInterval) {

        public Reports {
            if (cron != null && !org.springframework.scheduling.support.CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException("opendata.programme.reports.cron: '" + cron + "' is not a cron "
                        + "expression of six fields (second minute hour day month weekday), e.g. '0 0 9 1 * *'");
            }
        }
    }
}
