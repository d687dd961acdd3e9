package ru.gov.tomsk.opendata;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every part of the service shares ({@code opendata.*} in {@code config/application.yml}).
 *
 * @param timeZone        zone of schedules, version stamps and dates in passports
 * @param baseUrl         public URL of the open-data section; links in passports and the registry use it
 * @param standardVersion value of the {@code standardversion} rows
 * @param portalDir       directory of the published open-data tree, served at {@code /opendata/}
 * @param feedsDir        directory of the departments' feed files
 * @param workDir         scratch space of runs (row indexes); never published
 * @param quarantineDir   quarantine reports of runs, one CSV per run that rejected records; never published
 * @param datasources     source databases that {@code sql} feeds name, by name
 */
@ConfigurationProperties("opendata")
public record OpendataProperties(
        @DefaultValue("Asia/Tomsk") ZoneId timeZone,
        @DefaultValue("http://localhost:8080/opendata/") String baseUrl,
        @DefaultValue("http://opendata.gosmonitor.ru/standard/3.0") String standardVersion,
        @DefaultValue("data/portal/opendata") Path portalDir,
        @DefaultValue("config/feeds") Path feedsDir,
        @DefaultValue("data/work") Path workDir,
        @DefaultValue("data/quarantine") Path quarantineDir,
        Map<String, Datasource> datasources) {

    public OpendataProperties {
        baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        datasources = datasources == null ? Map.of() : Map.copyOf(datasources);
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
    public record Datasource(String url, String username, String password,
                             @DefaultValue("4") int maxPoolSize,
                             @DefaultValue("10s") Duration connectTimeout,
                             @DefaultValue("30m") Duration queryTimeout,
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
