package ru.gov.tomsk.opendata.catalog;

import java.time.Clock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import ru.gov.tomsk.opendata.dataset.CleanupCount;
import ru.gov.tomsk.opendata.dataset.CleanupKind;
import ru.gov.tomsk.opendata.dataset.DepartmentMessage;
import ru.gov.tomsk.opendata.dataset.TextCleanup;

/** The run history: one row per feed run, kept in the state database for operators and metrics. */
@Repository
public class RunLog {

    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);
    private static final int MAX_MESSAGE = 4000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String node;

    public RunLog(JdbcClient jdbc, Clock clock, NodeIdentity node) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = node.id();
    }

    public long start(String feedId) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO feed_run (feed_id, node, started_at, status) VALUES (?, ?, ?, ?)")
                .params(feedId, node, CatalogRepository.utc(clock.instant()), RunStatus.RUNNING.name())
                .update(key, "id");
        return key.getKey().longValue();
    }

    public void finish(long runId, RunStatus status, RunCounts counts, String dataVersion, String message) {
        finish(runId, counts, new RunResult(status, dataVersion, message, null, null, null, null));
    }

    /** A run that failed: the technical message for the log, and what the department reads. */
    public void finish(long runId, RunStatus status, RunCounts counts, String dataVersion, DepartmentMessage failure) {
        finish(runId, counts, new RunResult(status, dataVersion, failure.technical(), null, null, null, null),
                failure.text());
    }

    public void finish(long runId, RunCounts counts, RunResult result) {
        finish(runId, counts, result, null);
    }

    private void finish(long runId, RunCounts counts, RunResult result, String forDepartment) {
        // the details first: whoever sees the run finished (a poller, the console) must see all of it
        recordCleanup(runId, counts.cleanup());
        jdbc.sql("""
                UPDATE feed_run SET finished_at = ?, status = ?, rows_read = ?, rows_written = ?, rows_rejected = ?,
                       data_version = ?, message = ?, rows_added = ?, rows_changed = ?, rows_removed = ?, held_id = ?,
                       department_message = ?
                 WHERE id = ?""")
                .params(CatalogRepository.utc(clock.instant()), result.status().name(), counts.read(), counts.written(),
                        counts.rejected(), result.dataVersion(), truncate(result.message()), result.added(),
                        result.changed(), result.removed(), result.heldId(), truncate(forDepartment), runId)
                .update();
    }

    /** Replaces what was recorded, so that finishing a run again (after a failure while recording it) cannot clash. */
    private void recordCleanup(long runId, TextCleanup cleanup) {
        jdbc.sql("DELETE FROM feed_run_cleanup WHERE run_id = ?").param(runId).update();
        for (CleanupCount c : cleanup.counts()) {
            jdbc.sql("""
                    INSERT INTO feed_run_cleanup (run_id, field, field_position, kind, values_changed)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(runId, c.field(), cleanup.position(c.field()), c.kind().name(), c.values())
                    .update();
        }
    }

    /** Records a feed that could not run at all (broken feed file, route not creatable). */
    public void recordFailure(String feedId, RunStatus status, String message) {
        recordFailure(feedId, clock.instant(), status, message);
    }

    /** Records a run that failed before it could start counting (source down, bad query, broken feed file). */
    public void recordFailure(String feedId, Instant startedAt, RunStatus status, String message) {
        recordFailure(feedId, startedAt, status, message, null);
    }

    /** A feed that could not run, with the technical message and what the department reads about it. */
    public void recordFailure(String feedId, RunStatus status, DepartmentMessage failure) {
        recordFailure(feedId, status, failure.technical(), failure.text());
    }

    /** @param forDepartment what the department reads, when it differs from the message; may be null */
    public void recordFailure(String feedId, RunStatus status, String message, String forDepartment) {
        recordFailure(feedId, clock.instant(), status, message, forDepartment);
    }

    /** A feed that could not run, with the technical message and what the department reads about it. */
    public void recordFailure(String feedId, Instant startedAt, RunStatus status, DepartmentMessage failure) {
        recordFailure(feedId, startedAt, status, failure.technical(), failure.text());
    }

    /** @param forDepartment what the department reads, when it differs from the message; may be null */
    public void recordFailure(String feedId, Instant startedAt, RunStatus status, String message,
            String forDepartment) {
        jdbc.sql("""
                INSERT INTO feed_run (feed_id, node, started_at, finished_at, status, message, department_message)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(feedId, node, CatalogRepository.utc(startedAt), CatalogRepository.utc(clock.instant()),
                        status.name(), truncate(message), truncate(forDepartment))
                .update();
    }

    /** When the newest run that published or confirmed the data started, if any. */
    public java.util.Optional<Instant> lastSuccessStart(String feedId) {
        return jdbc.sql("""
                SELECT MAX(started_at) FROM feed_run WHERE feed_id = ? AND status IN ('PUBLISHED', 'UNCHANGED')""")
                .param(feedId)
                .query((rs, n) -> CatalogRepository.instant(rs, 1))
                .optional();
    }

    /** Newest first. */
    public List<FeedRun> runs(String feedId, int limit) {
        List<FeedRun> runs = jdbc.sql("SELECT * FROM feed_run WHERE feed_id = ? ORDER BY id DESC FETCH FIRST ? ROWS ONLY")
                .params(feedId, limit)
                .query(RunLog::feedRun)
                .list();
        if (runs.isEmpty()) {
            return runs;
        }
        // one query for the clean-up of every listed run, not one per run
        Map<Long, List<CleanupCount>> cleanup = cleanup(jdbc.sql("""
                SELECT c.* FROM feed_run_cleanup c JOIN feed_run r ON r.id = c.run_id
                 WHERE r.feed_id = ? AND c.run_id >= ?""").params(feedId, runs.get(runs.size() - 1).id()));
        return runs.stream().map(r -> r.withCleanup(cleanup.getOrDefault(r.id(), List.of()))).toList();
    }

    /** One run by its id. */
    public Optional<FeedRun> run(long runId) {
        List<CleanupCount> cleanup = cleanup(jdbc.sql("SELECT * FROM feed_run_cleanup WHERE run_id = ?").param(runId))
                .getOrDefault(runId, List.of());
        return jdbc.sql("SELECT * FROM feed_run WHERE id = ?").param(runId).query(RunLog::feedRun).optional()
                .map(r -> r.withCleanup(cleanup));
    }

    private static FeedRun feedRun(ResultSet rs, int row) throws SQLException {
        return new FeedRun(rs.getLong("id"), rs.getString("feed_id"), rs.getString("node"),
                CatalogRepository.instant(rs, "started_at"), CatalogRepository.instant(rs, "finished_at"),
                RunStatus.valueOf(rs.getString("status")), rs.getLong("rows_read"), rs.getLong("rows_written"),
                rs.getLong("rows_rejected"), rs.getString("data_version"), rs.getString("message"),
                rs.getObject("rows_added", Long.class), rs.getObject("rows_changed", Long.class),
                rs.getObject("rows_removed", Long.class), rs.getObject("held_id", Long.class), List.of(),
                rs.getString("department_message"));
    }

    /** Rows of {@code feed_run_cleanup} by run, each run's in structure order and then kind order. */
    private static Map<Long, List<CleanupCount>> cleanup(JdbcClient.StatementSpec query) {
        record Row(long runId, int position, CleanupCount count) {
        }
        List<Row> rows = query.query((rs, n) -> new Row(rs.getLong("run_id"), rs.getInt("field_position"),
                new CleanupCount(rs.getString("field"), CleanupKind.valueOf(rs.getString("kind")),
                        rs.getLong("values_changed")))).list();
        return rows.stream()
                .sorted(Comparator.comparingInt(Row::position).thenComparing(r -> r.count().kind()))
                .collect(Collectors.groupingBy(Row::runId, Collectors.mapping(Row::count, Collectors.toList())));
    }

    @PostConstruct
    void closeAbandonedRunsOnStart() {
        closeAbandonedRuns();
    }

    /** Runs this node left RUNNING when it stopped can never finish: close them so they do not look alive. */
    public void closeAbandonedRuns() {
        int closed = jdbc.sql("UPDATE feed_run SET status = ?, finished_at = ?, message = ? WHERE status = ? AND node = ?")
                .params(RunStatus.FAILED.name(), CatalogRepository.utc(clock.instant()),
                        "interrupted: the service stopped during the run", RunStatus.RUNNING.name(), node)
                .update();
        if (closed > 0) {
            LOG.warn("Closed {} run(s) that were interrupted by the previous shutdown of node {}", closed, node);
        }
    }

    private static String truncate(String message) {
        return message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
