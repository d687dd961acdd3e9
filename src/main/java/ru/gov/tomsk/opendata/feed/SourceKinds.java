package ru.gov.tomsk.opendata.feed;

import java.util.List;

/**
 * Every source kind this version of the service runs. A new kind is a method here and a route
 * template in {@code routes/templates/}; a test keeps the two in step.
 */
public final class SourceKinds {

    /** The kind whose data its information system sends (see {@link FeedDefinition#pushed()}). */
    public static final String PUSH = "push";

    private SourceKinds() {
    }

    public static List<SourceKind> builtIn() {
        return List.of(sql(), http(), file(), ftp(), sftp(), push());
    }

    static SourceKind sql() {
        return new SourceKind("sql", "SQL query", List.of(
                SourceOption.required("datasource", "Datasource",
                        "Name of a source database configured under opendata.datasources in application.yml."),
                SourceOption.required("query", "Query",
                        "SELECT returning one row per record; columns are matched to the structure's fields by name."),
                SourceOption.optional("fetchSize", "Fetch size",
                        "Rows fetched per round trip; PostgreSQL streams through a cursor of this size.", "1000")));
    }

    /**
     * An HTTP API that returns JSON, page by page. Options only describe the request and the paging;
     * {@code ru.gov.tomsk.opendata.source.http} does the rest.
     */
    static SourceKind http() {
        return new SourceKind("http", "HTTP API (JSON)", List.of(
                SourceOption.required("url", "URL",
                        "Address of the records (http or https). Paging values go where the URL has {page}, {size},"
                                + " {offset}, {limit} or {cursor}, otherwise into query parameters; {apiKey} inserts the apiKey secret."),
                SourceOption.optional("method", "Method", "GET, or POST to send body.", "GET"),
                SourceOption.optional("body", "Body",
                        "JSON sent with method POST; may hold the same placeholders as url.", null),
                SourceOption.optional("headers", "Headers",
                        "Extra request headers as 'Name: value' pairs separated by ';' or line breaks; {apiKey} inserts"
                                + " the apiKey secret. Header values are never logged.", null),
                SourceOption.optional("username", "User name", "User of HTTP Basic authentication (with password).", null),
                SourceOption.optional("password", "Password", "Password of HTTP Basic authentication.", null).asSecret(),
                SourceOption.optional("token", "Bearer token", "Sent as 'Authorization: Bearer <token>'.", null).asSecret(),
                SourceOption.optional("apiKey", "API key",
                        "Key the API wants in a header or query parameter; placed where url or headers write {apiKey}.", null)
                        .asSecret(),
                SourceOption.optional("connectTimeout", "Connect timeout", "Longest wait for a connection, e.g. 10s.", "10s"),
                SourceOption.optional("readTimeout", "Read timeout",
                        "Longest wait for one whole page (status, headers and body), e.g. 60s.", "60s"),
                SourceOption.optional("pagination", "Pagination",
                        "How the API pages its records: none, page, offset, nextLink, linkHeader or cursor.", "none"),
                SourceOption.optional("pageParam", "Page parameter", "Query parameter of the page number (pagination: page).", "page"),
                SourceOption.optional("sizeParam", "Size parameter",
                        "Query parameter of the page size (pagination: page); none to send no size.", "size"),
                SourceOption.optional("pageSize", "Page size",
                        "Records asked for per page: the size of page pagination, the limit of offset pagination.", "100"),
                SourceOption.optional("firstPage", "First page", "Number of the first page (pagination: page), 0 or 1.", "1"),
                SourceOption.optional("offsetParam", "Offset parameter",
                        "Query parameter of the offset (pagination: offset).", "offset"),
                SourceOption.optional("limitParam", "Limit parameter",
                        "Query parameter of the limit (pagination: offset); none to send no limit.", "limit"),
                SourceOption.optional("nextLinkPath", "Next link path",
                        "Where a page's body holds the URL of the next page (pagination: nextLink): a dotted path such as"
                                + " links.next, or a JSON pointer such as /@odata.nextLink.", "next"),
                SourceOption.optional("cursorParam", "Cursor parameter",
                        "Query parameter that carries the cursor (pagination: cursor).", "cursor"),
                SourceOption.optional("cursorPath", "Cursor path",
                        "Where a page's body holds the next cursor (pagination: cursor), e.g. meta.next_cursor; required"
                                + " for cursor pagination.", null),
                SourceOption.optional("path", "Records path",
                        "Dotted path of the records array in each page, e.g. items or data.rows; empty when the page is the array.",
                        null),
                SourceOption.optional("maxPages", "Most pages",
                        "Guard against an API that never stops paging: a run that would need more pages fails.", "10000"),
                SourceOption.optional("retries", "Retries",
                        "Further attempts of a request after a 5xx, 429, timeout or lost connection.", "5"),
                SourceOption.optional("retryDelay", "Retry delay",
                        "Wait before the first retry; doubled for each next one (a Retry-After from the API wins).", "1s"),
                SourceOption.optional("maxRetryDelay", "Longest retry delay",
                        "Most a retry waits; an API asking for a longer Retry-After fails the run.", "60s")));
    }

    /** Files dropped into a directory of the service's own file system (a local disk or a mounted share). */
    static SourceKind file() {
        return new SourceKind("file", "File drop (local directory)", concat(
                List.of(directory("Directory the files are dropped into, absolute or relative to the service's working directory.")),
                dropOptions(), payloadOptions()));
    }

    /** Files dropped on an FTP server; always in passive mode, which is what gets through firewalls and NAT. */
    static SourceKind ftp() {
        return new SourceKind("ftp", "File drop (FTP)", concat(List.of(
                SourceOption.required("host", "Host", "Name or address of the FTP server."),
                SourceOption.optional("port", "Port", "Port of the FTP server.", "21"),
                SourceOption.required("username", "User name", "Login on the FTP server."),
                SourceOption.required("password", "Password", "Password of the login.").asSecret(),
                directory("Directory on the server the files are dropped into, relative to the login's home or absolute.")),
                dropOptions(), payloadOptions()));
    }

    /**
     * Files dropped on an SFTP server. The server's host key is checked against known_hosts unless a feed says
     * otherwise, so a spoofed server never receives the credentials.
     */
    static SourceKind sftp() {
        return new SourceKind("sftp", "File drop (SFTP)", concat(List.of(
                SourceOption.required("host", "Host", "Name or address of the SFTP server."),
                SourceOption.optional("port", "Port", "Port of the SSH server.", "22"),
                SourceOption.required("username", "User name", "Login on the SFTP server."),
                SourceOption.optional("password", "Password",
                        "Password of the login, if it signs in with a password rather than a private key.", null).asSecret(),
                SourceOption.optional("privateKeyFile", "Private key file",
                        "Path of the private key (OpenSSH or PEM) the login signs in with, instead of a password.", null),
                SourceOption.optional("privateKeyPassphrase", "Private key passphrase",
                        "Passphrase of an encrypted private key file.", null).asSecret(),
                SourceOption.optional("knownHostsFile", "known_hosts file",
                        "known_hosts file holding the server's host key; the service user's ~/.ssh/known_hosts when not set.",
                        null),
                SourceOption.optional("strictHostKeyChecking", "Check the host key",
                        "yes: connect only to a server whose host key is in known_hosts; no: accept any key (never in"
                                + " production: a spoofed server would receive the credentials).", "yes"),
                directory("Directory on the server the files are dropped into, relative to the login's home or absolute.")),
                dropOptions(), payloadOptions()));
    }

    /**
     * An information system sends the dataset itself, to {@code POST /api/ingest/<feed>} with the feed's own token
     * ({@code ru.gov.tomsk.opendata.pipeline.ingest}). Only the payload options: nothing is fetched, and the feed's
     * schedule is when a push is expected, watched as a deadline, never a job that runs.
     */
    static SourceKind push() {
        return new SourceKind(PUSH, "Push from an information system (HTTP)", payloadOptions());
    }

    private static SourceOption directory(String where) {
        return SourceOption.required("directory", "Directory", where + " A file that was read moves to"
                + " .done/<yyyyMMdd>/ in it; a file that failed moves to .error/, with <name>.error.txt giving the reason.");
    }

    /** When a dropped file is ready to be read; the same for every file-drop kind. */
    private static List<SourceOption> dropOptions() {
        return List.of(
                SourceOption.optional("include", "Files",
                        "Which files to read: Ant-style name patterns separated by commas, e.g. schools-*.csv. Names"
                                + " starting with a dot are never read.", "*"),
                SourceOption.optional("doneFileName", "Done-file",
                        "Read a file only once its done-file exists, e.g. ${file:name}.done or ${file:name.noext}.ready;"
                                + " the done-file is removed with it. Without it, a file is read once it stopped changing"
                                + " (see minAge).", null),
                SourceOption.optional("minAge", "Unchanged for",
                        "How long a file must have stayed the same (size and time, as the server reports them)"
                                + " before it is read, counted on the service's clock from the last change it saw, so"
                                + " that a file still being written is never read half-way, e.g. 30s or 2m. A file"
                                + " still changing when the schedule fires is watched for up to 5 minutes, else left"
                                + " untouched for the next run.", "30s"));
    }

    /** How a dropped file becomes records; read by {@code ru.gov.tomsk.opendata.source.payload.PayloadSpec}. */
    private static List<SourceOption> payloadOptions() {
        return List.of(
                SourceOption.required("format", "Format", "Format of the files: csv, json, xml or xlsx."),
                SourceOption.optional("separator", "Separator",
                        "CSV: the field separator: \",\", \";\", tab, or auto to tell from the header line.", "auto"),
                SourceOption.optional("quote", "Quote", "CSV: the quote character.", "\""),
                SourceOption.optional("charset", "Charset",
                        "CSV: utf-8, windows-1251, or auto to tell from the bytes (a BOM, valid UTF-8, else Windows-1251).",
                        "auto"),
                SourceOption.optional("path", "Records path",
                        "JSON: dotted path of the records array, e.g. items or data.rows; empty when the file is the array.",
                        null),
                SourceOption.optional("recordPath", "Record elements",
                        "XML: slash path from the root to the record elements, e.g. export/organisations/organisation;"
                                + " required for xml.", null),
                SourceOption.optional("sheet", "Sheet", "XLSX: name of the worksheet; the first sheet when empty.", null));
    }

    @SafeVarargs
    private static List<SourceOption> concat(List<SourceOption>... parts) {
        List<SourceOption> all = new java.util.ArrayList<>();
        for (List<SourceOption> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
