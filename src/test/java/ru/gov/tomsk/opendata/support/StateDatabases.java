package ru.gov.tomsk.opendata.support;

import java.util.UUID;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** Empty state databases with the service's migrations applied, for contracts that must hold on H2 and PostgreSQL. */
public final class StateDatabases {

    /** A contract run against one state database. */
    @FunctionalInterface
    public interface Contract {
        void check(DataSource database) throws Exception;
    }

    private StateDatabases() {
    }

    /** Runs the contract on a fresh in-memory H2. */
    public static void onH2(Contract contract) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:state-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        contract.check(migrated(h2));
    }

    /** Runs the contract on an embedded PostgreSQL, stopped afterwards. */
    public static void onPostgres(Contract contract) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            contract.check(migrated(postgres.getPostgresDatabase()));
        }
    }

    private static DataSource migrated(DataSource database) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        return database;
    }
}
