-- Files that the file-drop sources (file, ftp, sftp) have processed, so that the same file (name, size and
-- modification time) is never processed twice, even after a restart or on another node. Read and written by
-- camel-sql's JdbcMessageIdRepository: its columns are exactly the ones that class queries (processorName,
-- messageId, createdAt), unquoted so that H2 (upper case) and PostgreSQL (lower case) both match them.
-- Only the table name is ours; the repository is told not to create a table of its own.

CREATE TABLE processed_file (
    processorName  VARCHAR(255) NOT NULL,
    -- <feed identifier>:<file name>:<size in bytes>:<modified, epoch millis>
    messageId      VARCHAR(500) NOT NULL,
    createdAt      TIMESTAMP,
    PRIMARY KEY (processorName, messageId)
);
