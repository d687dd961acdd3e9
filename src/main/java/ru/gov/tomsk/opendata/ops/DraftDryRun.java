package ru.gov.tomsk.opendata.ops;

import java.util.List;

import ru.gov.tomsk.opendata.dataset.ColumnMatch;
import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.Passport;
import ru.gov.tomsk.opendata.dataset.StructureChange;

/**
 * What a draft feed file would publish, found by a dry run ({@link Drafts#tryDraft}); nothing was written.
 *
 * @param identifier the draft's feed
 * @param kind       its source kind
 * @param passport   the passport (meta) it would publish
 * @param frequency  its update frequency, as the passport states it
 * @param fields     its structure, in publication order
 * @param key        the fields that identify a record
 * @param formats    the data files it would publish
 * @param sample     the sample file read instead of the source, {@code null} when the source itself was read
 * @param installed  whether a feed file of this identifier is installed now (the draft would replace it)
 * @param columns    the source's columns against the draft's fields; {@code null} when no record was read
 * @param structure  against the installed feed file's structure; {@code null} when none is installed
 * @param result     the dry run itself: counts, first rows, rejects, the diff against the published version
 */
public record DraftDryRun(String identifier, String kind, Passport passport, String frequency, List<Field> fields,
                          List<String> key, List<String> formats, String sample, boolean installed,
                          ColumnMatch columns, StructureChange structure, DryRunResult result) {

    public DraftDryRun {
        fields = List.copyOf(fields);
        key = List.copyOf(key);
        formats = List.copyOf(formats);
    }

    /** Whether the draft may be installed as it is: the dry run finished and every field found its column. */
    public boolean installable() {
        return result.error() == null && (columns == null || columns.missing().isEmpty());
    }
}
