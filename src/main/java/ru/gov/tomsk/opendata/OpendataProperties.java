package ru.gov.tomsk.opendata;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import ru.gov.tomsk.opendata.publish.PublishProperties;

/**
 * Settings directly under {@code opendata.*} in {@code config/application.yml}: the only class bound to that
 * prefix, so each of them has one name and one default. Settings of one concern have their own prefix and class
 * ({@code opendata.dry-run}, {@code opendata.security}, …). A wrong value stops the start, naming the setting.
 *
 * @param timeZone        zone of schedules, version stamps and dates in passports and the console: the region's
 * @param baseUrl         public URL of the open-data section; links in passports and the registry use it. Unset,
 *                        {@link LocalBaseUrl} makes it the local address of the port served
 * @param standardVersion value of the {@code standardversion} rows
 * @param portalDir       directory of the published open-data tree, served at {@code /opendata/}
 * @param feedsDir        directory of the departments' feed files
 * @param workDir         scratch space of runs (row indexes, file drops being read, dry runs) and the node's
 *                        identity; never published
 * @param quarantineDir   quarantine reports of runs, one CSV per run that rejected records; never published
 * @param datasources     source databases that {@code sql} feeds name, by name
 * @param targets         the portals datasets are delivered to, by name ({@code opendata.targets.<name>.*})
 * @param outbox          how the delivery outbox polls, retries and gives up ({@code opendata.outbox.*})
 * @param nodeId          this instance's name in the state database, the same across restarts; none: generated
 *                        once and kept in {@code <work-dir>/node-id} (see {@code catalog.NodeIdentity})
 */
@Validated
@ConfigurationProperties("opendata")
public record OpendataProperties(
        @NotNull @DefaultValue("Asia/Tomsk") ZoneId timeZone,
        @Pattern(regexp = "https?://\\S+", message = "must be an http(s) address, e.g. https://opendata.tomsk.gov.ru/opendata/")
        @NotNull(message = "is missing: the public address of the open-data section, e.g. https://opendata.tomsk.gov.ru/opendata/")
        String baseUrl,
        @NotBlank @DefaultValue("http://opendata.gosmonitor.ru/standard/3.0") String standardVersion,
        @NotNull @DefaultValue("data/portal/opendata") Path portalDir,
        @NotNull @DefaultValue("config/feeds") Path feedsDir,
        @NotNull @DefaultValue("data/work") Path workDir,
        @NotNull @DefaultValue("data/quarantine") Path quarantineDir,
        Map<String, @Valid Datasource> datasources,
        Map<String, PublishProperties.@Valid Target> targets,
        @Valid @NestedConfigurationProperty @DefaultValue PublishProperties.Outbox outbox,
        @Pattern(regexp = NODE_ID, message = "must be letters, digits, '.', '_' and '-', at most 100, starting with a letter or digit")
        String nodeId) {

    /** A node name: file-name safe, and short enough for {@code delivery.claimed_by}. */
    public static final String NODE_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    public OpendataProperties {
        baseUrl = baseUrl == null || baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        datasources = datasources == null ? Map.of() : Map.copyOf(datasources);
        targets = targets == null ? Map.of() : Map.copyOf(targets);
        // an empty OPENDATA_NODE_ID (a compose file's `${HOSTNAME:-}`) means: none configured
        nodeId = nodeId == null || nodeId.isBlank() ? null : nodeId.strip();
    }

    /**
     * A source database. Connections are read with autocommit off, which PostgreSQL needs to stream
     * with a cursor instead of loading the whole result.
     *
     * @param url          JDBC URL
     * @param username     user; use {@code ${ENV}} placeholders for secrets
     * @param password     password; use {@code ${ENV}} placeholders, never a literal
     * @param maxPoolSize  connections kept open to the source
     * @param connectTimeout how long a run waits for a connection before it fails (a source that is down)
     * @param queryTimeout longest a statement may run on this source (PostgreSQL and H2; a stuck view
     *                     then fails its run instead of holding the feed forever)
     * @param initScripts  SQL scripts run when the pool opens (the embedded demo database only)
     */
    public record Datasource(@NotBlank String url, String username, String password,
                             @Positive @DefaultValue("4") int maxPoolSize,
                             @PositiveDuration @DefaultValue("10s") Duration connectTimeout,
                             @PositiveDuration @DefaultValue("30m") Duration queryTimeout,
                             List<String> initScripts) {

        public Datasource {
            initScripts = initScripts == null ? List.of() : List.copyOf(initScripts);
        }

        @Override
        public String toString() {
            return "Datasource[url=" + url + ", username=" + username + ", password=******]";
        }
    }
}
