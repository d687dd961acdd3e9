package ru.gov.tomsk.opendata.source;

import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import ru.gov.tomsk.opendata.OpendataProperties;

/**
 * Connection pools to the source systems named in {@code opendata.datasources}. They are deliberately
 * not Spring beans: a second {@link DataSource} bean would displace the state database's auto-configuration.
 * Camel finds them in its registry as {@code #datasource-<name>}.
 */
public class SourceDatasources implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceDatasources.class);

    private final Map<String, HikariDataSource> pools = new TreeMap<>();

    public SourceDatasources(OpendataProperties properties) {
        properties.datasources().forEach((name, settings) -> pools.put(name, open(name, settings)));
    }

    public static String beanName(String datasource) {
        return "datasource-" + datasource;
    }

    public Map<String, ? extends DataSource> pools() {
        return pools;
    }

    private static HikariDataSource open(String name, OpendataProperties.Datasource settings) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("source-" + name);
        pool.setJdbcUrl(settings.url());
        pool.setUsername(settings.username());
        pool.setPassword(settings.password());
        pool.setMaximumPoolSize(settings.maxPoolSize());
        pool.setMinimumIdle(0);
        pool.setConnectionTimeout(settings.connectTimeout().toMillis());
        String timeoutSql = statementTimeoutSql(settings.url(), settings.queryTimeout());
        if (timeoutSql != null) {
            // camel-sql's streaming path creates statements itself, so the limit is set on the session
            pool.setConnectionInitSql(timeoutSql);
        } else {
            LOG.warn("Source datasource '{}': query-timeout is not supported for {}; long queries are not limited",
                    name, settings.url().replaceFirst("^(jdbc:[^:]+).*", "$1"));
        }
        // autocommit off makes PostgreSQL stream through a cursor (fetch size) instead of buffering the result
        pool.setAutoCommit(false);
        // a source that is down must not stop the service from starting: connect lazily
        pool.setInitializationFailTimeout(-1);
        if (!settings.initScripts().isEmpty()) {
            ResourceDatabasePopulator populator = new ResourceDatabasePopulator();
            populator.setSqlScriptEncoding("UTF-8");
            DefaultResourceLoader loader = new DefaultResourceLoader();
            settings.initScripts().forEach(script -> populator.addScript(loader.getResource(script)));
            try {
                populator.execute(pool);
                LOG.info("Initialised source datasource '{}' with {}", name, settings.initScripts());
            } catch (RuntimeException e) {
                // a source problem fails that source's feeds, never the service
                LOG.error("Init scripts of source datasource '{}' failed: {}", name, e.getMessage());
            }
        }
        return pool;
    }

    /** The session statement that limits every query's run time, in the source database's own dialect. */
    static String statementTimeoutSql(String url, java.time.Duration timeout) {
        long millis = timeout.toMillis();
        if (url.startsWith("jdbc:postgresql:")) {
            return "SET statement_timeout = " + millis;
        }
        if (url.startsWith("jdbc:h2:")) {
            return "SET QUERY_TIMEOUT " + millis;
        }
        return null;
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
    }
}
