package ru.gov.tomsk.opendata.source;

import java.util.Map;

import ru.gov.tomsk.opendata.feed.SourceCheck;
import ru.gov.tomsk.opendata.feed.SourceChecks;
import ru.gov.tomsk.opendata.feed.SourceKinds;
import ru.gov.tomsk.opendata.source.http.HttpSourceSpec;
import ru.gov.tomsk.opendata.source.payload.PayloadSpec;

/**
 * Load-time checks of the source kinds' options: the same parsing the routes do at run time, so a
 * department sees "format: unknown 'csvv'" with its file and line when the feed loads.
 */
public final class SourceOptionChecks {

    private SourceOptionChecks() {
    }

    public static SourceChecks all() {
        SourceCheck payload = PayloadSpec::of;
        SourceCheck http = HttpSourceSpec::of;
        return new SourceChecks(Map.of("file", payload, "ftp", payload, "sftp", payload, SourceKinds.PUSH, payload, "http", http));
    }
}
