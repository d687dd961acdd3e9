package ru.gov.tomsk.opendata.feed;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ru.gov.tomsk.opendata.dataset.Frequency;
import ru.gov.tomsk.opendata.dataset.Passport;
import ru.gov.tomsk.opendata.dataset.Structure;

/**
 * A dataset as its department registered it in {@code config/feeds/<identifier>.yaml}.
 *
 * @param runAtStartup run once as soon as the service has started, besides the schedule
 * @param allowEmpty   whether an empty source result may be published instead of being held
 * @param guards       when a new version is held for an operator
 * @param publish      the delivery targets ({@code opendata.targets}) its versions go to; every configured one
 *                     when the file does not say
 * @param file         where it was loaded from, for messages
 */
public record FeedDefinition(Passport passport, Frequency frequency, String schedule, boolean runAtStartup,
                             Source source, Structure structure, List<String> formats, boolean allowEmpty,
                             Guards guards, List<String> publish, Path file) {

    public FeedDefinition {
        formats = List.copyOf(formats);
        publish = List.copyOf(publish);
    }

    public String identifier() {
        return passport.identifier();
    }

    /**
     * Whether its information system sends the data ({@code POST /api/ingest/<feed>}) rather than the service reading
     * it: then no job runs it, and its {@code schedule} is when a push is expected.
     */
    public boolean pushed() {
        return SourceKinds.PUSH.equals(source.kind());
    }

    /**
     * Where the records come from.
     *
     * @param kind    source kind; names its Kamelet {@code <kind>-source}
     * @param options the kind's options, handed to the template as parameters
     */
    public record Source(String kind, Map<String, String> options) {

        public Source {
            options = Map.copyOf(options);
        }
    }
}
