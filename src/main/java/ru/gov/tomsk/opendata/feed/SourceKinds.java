package ru.gov.tomsk.opendata.feed;

import java.util.List;

/**
 * Every source kind this version of the service runs. A new kind is a method here and a route
 * template in {@code routes/templates/}; a test keeps the two in step.
 */
public final class SourceKinds {

    private SourceKinds() {
    }

    public static List<SourceKind> builtIn() {
        return List.of(sql());
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
}
