package ru.gov.tomsk.opendata.ops.dryrun;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;

import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * Everything a dry run must leave as it was: every file under the service's home (portal tree, work and
 * quarantine directories, feeds, drop inboxes) with its SHA-256, and the content of every table of the state
 * database. The database's own file is left out: the database changes it as it pleases; its tables are compared.
 */
record StateSnapshot(Map<String, String> files, Map<String, List<String>> tables) {

    /**
     * Stops the service's timer routes (alert checks, metrics refresh, outbox polls): they write the state database
     * on their own schedule, and a comparison must see only what the dry run did.
     */
    static void stopTimers(TestApp app) throws Exception {
        CamelContext camel = app.bean(CamelContext.class);
        for (Route route : camel.getRoutes()) {
            if (route.getEndpoint().getEndpointUri().startsWith("timer:")) {
                camel.getRouteController().stopRoute(route.getRouteId());
            }
        }
    }

    static StateSnapshot of(Path home, TestApp app) throws SQLException {
        Map<String, String> files = new TreeMap<>(Fixtures.snapshot(home));
        files.keySet().removeIf(name -> name.startsWith("state"));
        return new StateSnapshot(files, tables(app.bean(DataSource.class)));
    }

    private static Map<String, List<String>> tables(DataSource state) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = state.getConnection()) {
            List<String> names = new ArrayList<>();
            try (ResultSet t = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                while (t.next()) {
                    names.add(t.getString("TABLE_NAME"));
                }
            }
            for (String name : names) {
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM PUBLIC.\"" + name + "\"")) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(r.getMetaData().getColumnName(i)).append('=').append(r.getString(i)).append(';');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(name, rows);
            }
        }
        return tables;
    }
}
