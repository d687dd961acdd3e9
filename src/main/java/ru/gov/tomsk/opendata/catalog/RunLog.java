package ru.gov.tomsk.opendata.catalog;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The run history: one row per feed run, kept in the state database for operators and metrics. */
@Repository
public class RunLog {

    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);
    private static final int MAX_MESSAGE = 4000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String node;

    public RunLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = nodeName();
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

    public void finish(long runId, RunCounts counts, RunResult result) {
        jdbc.sql("""
                UPDATE feed_run SET finished_at = ?, status = ?, rows_read = ?, rows_written = ?, rows_rejected = ?,
                       data_version = ?, message = ?, rows_added = ?, rows_changed = ?, rows_removed = ?, held_id = ?
                 WHERE id = ?""")
                .params(CatalogRepository.utc(clock.instant()), result.status().name(), counts.read(), counts.written(),
                        counts.rejected(), result.dataVersion(), truncate(result.message()), result.added(),
                        result.changed(), result.removed(), result.heldId(), runId)
                .update();
    }

    /** Records a feed that could not run at all (broken feed file, route not creatable). */
    public void recordFailure(String feedId, RunStatus status, String message) {
        recordFailure(feedId, clock.instant(), status, message);
    }

    /** Records a run that failed before it could start counting (source down, bad query, broken feed file). */
    public void recordFailure(String feedId, Instant startedAt, RunStatus status, String message) {
        jdbc.sql("""
                INSERT INTO feed_run (feed_id, node, started_at, finished_at, status, message)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(feedId, node, CatalogRepository.utc(startedAt), CatalogRepository.utc(clock.instant()),
                        status.name(), truncate(message))
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
        return jdbc.sql("SELECT * FROM feed_run WHERE feed_id = ? ORDER BY id DESC FETCH FIRST ? ROWS ONLY").params(feedId, limit)
                .query(RunLog::feedRun)
                .list();
    }

    /** One run by its id. */
    public Optional<FeedRun> run(long runId) {
        return jdbc.sql("SELECT * FROM feed_run WHERE id = ?").param(runId).query(RunLog::feedRun).optional();
    }

    private static FeedRun feedRun(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new FeedRun(rs.getLong("id"), rs.getString("feed_id"), rs.getString("node"),
                CatalogRepository.instant(rs, "started_at"), CatalogRepository.instant(rs, "finished_at"),
                RunStatus.valueOf(rs.getString("status")), rs.getLong("rows_read"), rs.getLong("rows_written"),
                rs.getLong("rows_rejected"), rs.getString("data_version"), rs.getString("message"),
                rs.getObject("rows_added", Long.class), rs.getObject("rows_changed", Long.class),
                rs.getObject("rows_removed", Long.class), rs.getObject("held_id", Long.class));
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

    private static String nodeName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
