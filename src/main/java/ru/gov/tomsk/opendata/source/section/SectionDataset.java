package ru.gov.tomsk.opendata.source.section;

import java.util.List;
import java.util.Map;

/**
 * One of the datasets the section publishes about itself (source kind {@code section}): its rows come from the
 * service's own state, not from a source system. A bean of this type is found by {@link #name()}, the value a feed
 * file gives as {@code source.dataset}; the feed file declares the structure, and the rows' keys are its field names.
 *
 * <p>The rows are the dataset as of now. They go through the same pipeline as any feed's (validation, versioning,
 * an unchanged run publishes nothing), so what a dataset leaves out (a requester's contact) is never published.
 */
public interface SectionDataset {

    /** The name a feed file gives as {@code source.dataset}, one of the Kamelet's {@code enum}. */
    String name();

    /** The rows as of now, by field name; values are text, numbers, booleans or {@code java.time} values. */
    List<Map<String, Object>> rows();
}
