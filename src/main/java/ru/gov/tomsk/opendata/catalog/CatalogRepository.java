package ru.gov.tomsk.opendata.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ru.gov.tomsk.opendata.dataset.Frequency;
import ru.gov.tomsk.opendata.dataset.Passport;

/** Datasets and their versions in the state database, the source of truth for passports and the registry. */
@Repository
public class CatalogRepository {

    private final JdbcClient jdbc;

    public CatalogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the dataset row if needed and locks it until the transaction ends (one committer per dataset, cluster-wide). */
    void lockDataset(String identifier) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM dataset WHERE identifier = ?").param(identifier)
                .query(Long.class).single() > 0;
        if (!exists) {
            try {
                jdbc.sql("INSERT INTO dataset (identifier) VALUES (?)").param(identifier).update();
            } catch (DuplicateKeyException createdByAnotherNode) {
                // fine: the lock below serialises us behind it
            }
        }
        jdbc.sql("SELECT identifier FROM dataset WHERE identifier = ? FOR UPDATE").param(identifier)
                .query(String.class).single();
    }

    void updateDataset(Passport p, Frequency frequency, LocalDate validUntil, Instant checkedAt) {
        jdbc.sql("""
                UPDATE dataset SET title = ?, description = ?, creator = ?, subject = ?, publisher_name = ?,
                       publisher_phone = ?, publisher_mbox = ?, frequency = ?, valid_until = ?, last_checked_at = ?
                 WHERE identifier = ?""")
                .params(p.title(), p.description(), p.creator(), String.join("\n", p.subject()), p.publisher().name(),
                        p.publisher().phone(), p.publisher().mbox(), frequency.word(), validUntil, utc(checkedAt),
                        p.identifier())
                .update();
    }

    void insertStructure(StructureVersion s) {
        jdbc.sql("INSERT INTO structure_version (identifier, version, fingerprint, created_at) VALUES (?, ?, ?, ?)")
                .params(s.identifier(), s.version(), s.fingerprint(), utc(s.createdAt())).update();
    }

    void insertData(DataVersion d) {
        jdbc.sql("""
                INSERT INTO data_version (identifier, version, structure_version, fingerprint, row_count, provenance, created_at,
                                          formats, rows_added, rows_changed, rows_removed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.identifier(), d.version(), d.structureVersion(), d.fingerprint(), d.rowCount(), d.provenance(),
                        utc(d.createdAt()), String.join(",", d.formats()), d.rowsAdded(), d.rowsChanged(), d.rowsRemoved())
                .update();
    }

    public Optional<DatasetState> dataset(String identifier) {
        return jdbc.sql("SELECT * FROM dataset WHERE identifier = ?").param(identifier)
                .query(CatalogRepository::datasetState).optional();
    }

    /** Datasets with at least one published version, by identifier. */
    public List<DatasetState> publishedDatasets() {
        return jdbc.sql("""
                SELECT * FROM dataset d
                 WHERE EXISTS (SELECT 1 FROM data_version v WHERE v.identifier = d.identifier)
                 ORDER BY d.identifier""")
                .query(CatalogRepository::datasetState).list();
    }

    /** Data versions, newest first. */
    public List<DataVersion> dataVersions(String identifier) {
        return jdbc.sql("SELECT * FROM data_version WHERE identifier = ? ORDER BY version DESC").param(identifier)
                .query(CatalogRepository::dataVersion).list();
    }

    /** One data version, if it is committed. */
    public Optional<DataVersion> dataVersion(String identifier, String version) {
        return jdbc.sql("SELECT * FROM data_version WHERE identifier = ? AND version = ?").params(identifier, version)
                .query(CatalogRepository::dataVersion).optional();
    }

    /** Whether the dataset has a committed data version, i.e. a passport. */
    public boolean hasDataVersion(String identifier) {
        return jdbc.sql("SELECT COUNT(*) FROM data_version WHERE identifier = ?").param(identifier)
                .query(Long.class).single() > 0;
    }

    /** Whether this structure version of the dataset is committed. */
    public boolean hasStructureVersion(String identifier, String version) {
        return jdbc.sql("SELECT COUNT(*) FROM structure_version WHERE identifier = ? AND version = ?")
                .params(identifier, version).query(Long.class).single() > 0;
    }

    /** Structure versions, newest first. */
    public List<StructureVersion> structureVersions(String identifier) {
        return jdbc.sql("SELECT * FROM structure_version WHERE identifier = ? ORDER BY version DESC").param(identifier)
                .query((rs, n) -> new StructureVersion(rs.getString("identifier"), rs.getString("version"),
                        rs.getString("fingerprint"), instant(rs, "created_at")))
                .list();
    }

    /** The newest data version of every dataset, by identifier: the registry page's links, in one query. */
    public List<DataVersion> newestDataVersions() {
        return jdbc.sql("""
                SELECT * FROM data_version v
                 WHERE v.version = (SELECT MAX(w.version) FROM data_version w WHERE w.identifier = v.identifier)
                 ORDER BY v.identifier""")
                .query(CatalogRepository::dataVersion).list();
    }

    /** How many data versions are published across all datasets (the section page's statistics). */
    public long dataVersionCount() {
        return jdbc.sql("SELECT COUNT(*) FROM data_version").query(Long.class).single();
    }

    private static DataVersion dataVersion(ResultSet rs, int rowNum) throws SQLException {
        return new DataVersion(rs.getString("identifier"), rs.getString("version"),
                rs.getString("structure_version"), rs.getString("fingerprint"), rs.getLong("row_count"),
                rs.getString("provenance"), instant(rs, "created_at"), Arrays.asList(rs.getString("formats").split(",")),
                rs.getObject("rows_added", Long.class), rs.getObject("rows_changed", Long.class),
                rs.getObject("rows_removed", Long.class));
    }

    private static DatasetState datasetState(ResultSet rs, int rowNum) throws SQLException {
        String subject = rs.getString("subject");
        Passport passport = new Passport(rs.getString("identifier"), rs.getString("title"), rs.getString("description"),
                rs.getString("creator"), subject == null || subject.isEmpty() ? List.of() : Arrays.asList(subject.split("\n")),
                new Passport.Publisher(rs.getString("publisher_name"), rs.getString("publisher_phone"),
                        rs.getString("publisher_mbox")));
        String frequency = rs.getString("frequency");
        return new DatasetState(passport, frequency == null ? null : Frequency.fromWord(frequency).orElse(null),
                rs.getObject("valid_until", LocalDate.class), instant(rs, "last_checked_at"));
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
