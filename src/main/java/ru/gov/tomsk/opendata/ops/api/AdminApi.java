package ru.gov.tomsk.opendata.ops.api;

/**
 * The admin API ({@value #BASE}): JSON for administrators' scripts and monitoring, over the same services as the
 * console. Read with VIEWER, act with OPERATOR, with a personal API token (Bearer) or HTTP Basic (see the security configuration). Errors are RFC
 * 9457 problem documents ({@link ApiProblems}); every action is written to the audit log ({@link AdminAudit}).
 */
public final class AdminApi {

    public static final String BASE = "/api/admin";

    /** OpenAPI tags: one per resource. */
    public static final String FEEDS = "Feeds";
    public static final String RUNS = "Runs";
    public static final String VERSIONS = "Versions";
    public static final String DELIVERIES = "Deliveries";
    public static final String FEED_FILES = "Feed files";
    public static final String REQUESTS = "Requests";

    /** Name of the HTTP Basic security scheme in the OpenAPI description. */
    public static final String BASIC = "basicAuth";
    /** Name of the personal API token (Bearer) security scheme in the OpenAPI description. */
    public static final String BEARER = "bearerAuth";

    static final String PROBLEM_JSON = "application/problem+json";

    private AdminApi() {
    }
}
