package ru.gov.tomsk.opendata.ops.api;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which feed a run belongs to. The run log is read by feed; the API also addresses a run by its id alone
 * ({@code /runs/{runId}/…}), so this one query fills the gap without widening the catalogue's interface.
 */
@Component
class RunFeeds {

    private final JdbcClient jdbc;

    RunFeeds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> feedOf(long runId) {
        return jdbc.sql("SELECT feed_id FROM feed_run WHERE id = ?").param(runId).query(String.class).optional();
    }
}
