package ru.gov.tomsk.opendata.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Quarantined records and held versions in the state database. */
@Repository
public class GateRepository {

    private final JdbcClient jdbc;

    public GateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void quarantine(long runId, List<QuarantineEntry> entries) {
        for (QuarantineEntry e : entries) {
            jdbc.sql("""
                    INSERT INTO quarantine_entry (run_id, row_number, record_key, field, field_value, reason)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(runId, e.row(), cut(e.key(), 500), cut(e.field(), 100), cut(e.value(), 200), cut(e.reason(), 1000))
                    .update();
        }
    }

    public List<QuarantineEntry> quarantine(long runId) {
        return jdbc.sql("SELECT * FROM quarantine_entry WHERE run_id = ? ORDER BY row_number").param(runId)
                .query((rs, n) -> new QuarantineEntry(rs.getLong("row_number"), rs.getString("record_key"),
                        rs.getString("field"), rs.getString("field_value"), rs.getString("reason")))
                .list();
    }

    long insertHeld(HeldVersion h) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO held_version (identifier, run_id, created_at, status, reason, fingerprint, row_count, formats,
                                          provenance, rows_added, rows_changed, rows_removed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(h.identifier(), h.runId(), CatalogRepository.utc(h.createdAt()), h.status().name(),
                        cut(h.reason(), 2000), h.fingerprint(), h.rowCount(), String.join(",", h.formats()), h.provenance(),
                        h.rowsAdded(), h.rowsChanged(), h.rowsRemoved())
                .update(key, "id");
        return key.getKey().longValue();
    }

    void decide(long id, HeldVersion.Status status, java.time.Instant at, String by) {
        jdbc.sql("UPDATE held_version SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?")
                .params(status.name(), CatalogRepository.utc(at), by, id).update();
    }

    public Optional<HeldVersion> held(long id) {
        return jdbc.sql("SELECT * FROM held_version WHERE id = ?").param(id).query(GateRepository::held).optional();
    }

    /** Versions still waiting for a decision, newest first. */
    public List<HeldVersion> waiting(String identifier) {
        return jdbc.sql("SELECT * FROM held_version WHERE identifier = ? AND status = ? ORDER BY id DESC")
                .params(identifier, HeldVersion.Status.HELD.name()).query(GateRepository::held).list();
    }

    private static HeldVersion held(ResultSet rs, int n) throws SQLException {
        return new HeldVersion(rs.getLong("id"), rs.getString("identifier"), rs.getLong("run_id"),
                CatalogRepository.instant(rs, "created_at"), HeldVersion.Status.valueOf(rs.getString("status")),
                rs.getString("reason"), rs.getString("fingerprint"), rs.getLong("row_count"),
                Arrays.asList(rs.getString("formats").split(",")), rs.getString("provenance"),
                (Long) rs.getObject("rows_added", Long.class), (Long) rs.getObject("rows_changed", Long.class),
                (Long) rs.getObject("rows_removed", Long.class), CatalogRepository.instant(rs, "decided_at"),
                rs.getString("decided_by"));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
