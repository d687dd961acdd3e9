package ru.gov.tomsk.opendata.source;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file drops every file-drop feed has processed, kept in the state database (table {@code processed_file},
 * migration V3), so that a file is never processed twice, even after a restart or on another node of a cluster.
 * The file consumers of the {@code file}, {@code ftp} and {@code sftp} Kamelets use it as their idempotent
 * repository ({@code #processedFiles}) with the key {@code <feed>:<name>:<size>:<modified>}, added only when the
 * run succeeded ({@code idempotentEager=false}): a file that failed, or whose run was cut short by a shutdown, may
 * be dropped again.
 */
public class ProcessedFiles extends JdbcMessageIdRepository {

    /** Name the Kamelets refer to. */
    public static final String BEAN = "processedFiles";
    static final String TABLE = "processed_file";
    private static final Logger LOG = LoggerFactory.getLogger(ProcessedFiles.class);

    public ProcessedFiles(DataSource stateDatabase) {
        // one repository for every feed: the feed identifier is part of the key
        super(stateDatabase, "file-drops");
        setTableName(TABLE);
        // Flyway owns the schema, on H2 and PostgreSQL alike
        setCreateTableIfNotExists(false);
    }

    /**
     * Asked by a file consumer for every file it lists. A repeated drop is left where it is (Camel neither reads
     * nor moves it); saying so once per poll tells the operator why a file lies in the inbox untouched.
     */
    @Override
    public boolean contains(String key) {
        boolean processed = super.contains(key);
        if (processed) {
            LOG.info("File drop {} was processed before (same feed, name, size and modification time); it is skipped"
                    + " and left in place", key);
        }
        return processed;
    }
}
