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
 * @param mandates     the items of the mandated lists the dataset fulfils ({@code mandates: [1187-р/5]},
 *                     docs/mandates.md), in the file's order, each once
 * @param reference    whether the dataset is a reference book or classifier ({@code reference: true})
 */
public record FeedDefinition(Passport passport, Frequency frequency, String schedule, boolean runAtStartup,
                             Source source, Structure structure, List<String> formats, boolean allowEmpty,
                             Guards guards, List<String> publish, Path file, List<Mandate> mandates,
                             boolean reference) {

    public FeedDefinition {
        formats = List.copyOf(formats);
        publish = List.copyOf(publish);
        mandates = List.copyOf(mandates);
    }

    /** A dataset that fulfils no mandated item and is no reference book. */
    public FeedDefinition(Passport passport, Frequency frequency, String schedule, boolean runAtStartup,
                          Source source, Structure structure, List<String> formats, boolean allowEmpty,
                          Guards guards, List<String> publish, Path file) {
        this(passport, frequency, schedule, runAtStartup, source, structure, formats, allowEmpty, guards, publish, file,
                List.of(), false);
    }

    /** Whether the dataset publishes coordinates: its structure names latitude and longitude fields ({@code geo}). */
    public boolean geo() {
        return structure != null && structure.geo() != null;
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
     * An item of a mandated list: {@code 1187-р/5} is item 5 of list {@code 1187-р}.
     *
     * @param list   the list's id as the catalogue gives it
     * @param number the item's number in the list, from 1
     */
    public record Mandate(String list, int number) {

        /** {@code <list>/<number>}: how a feed file and the pages write it. */
        @Override
        public String toString() {
            return list + "/" + number;
        }
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
