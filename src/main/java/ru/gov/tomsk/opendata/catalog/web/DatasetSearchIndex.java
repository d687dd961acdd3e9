package ru.gov.tomsk.opendata.catalog.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.catalog.DataVersion;
import ru.gov.tomsk.opendata.catalog.DatasetState;
import ru.gov.tomsk.opendata.dataset.Passport;

/**
 * The section's search index, rebuilt when the catalogue changes: every section request compares what the
 * database says is published (passports and the newest structure versions) with what the index was built from,
 * and rebuilds it on a difference. Comparing with the database rather than listening to commits also picks up
 * publications of another node sharing the database, and the state after a restart.
 */
@Component
class DatasetSearchIndex {

    /** More fields than any real structure; bounds what one structure file can add to the index. */
    static final int MAX_FIELDS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(DatasetSearchIndex.class);

    private final Catalog catalog;
    private volatile Built built = new Built(List.of(), DatasetSearch.of(List.of()));

    DatasetSearchIndex(Catalog catalog) {
        this.catalog = catalog;
    }

    /** What an index was built from: the texts of the passports and the structure version its field texts came from. */
    private record Source(Passport passport, String structureVersion) {
    }

    private record Built(List<Source> sources, DatasetSearch search) {
    }

    /** The index of {@code datasets}; {@code newest} gives each one's newest data version, hence its structure. */
    DatasetSearch of(List<DatasetState> datasets, Map<String, DataVersion> newest) {
        List<Source> sources = datasets.stream().map(d -> {
            DataVersion version = newest.get(d.passport().identifier());
            return new Source(d.passport(), version == null ? null : version.structureVersion());
        }).toList();
        Built current = built;
        if (current.sources().equals(sources)) {
            return current.search();
        }
        synchronized (this) {
            if (!built.sources().equals(sources)) {
                built = new Built(sources, DatasetSearch.of(sources.stream().map(this::entry).toList()));
                LOG.debug("Rebuilt the section's search index: {} datasets", sources.size());
            }
            return built.search();
        }
    }

    private DatasetSearch.Entry entry(Source source) {
        Passport p = source.passport();
        return new DatasetSearch.Entry(p.identifier(), p.title(), p.description(), p.creator(), p.subject(),
                source.structureVersion() == null ? List.of() : fieldTexts(p.identifier(), source.structureVersion()));
    }

    /** The English and Russian descriptions of the fields, from the published structure file. */
    private List<String> fieldTexts(String identifier, String structureVersion) {
        Path file = catalog.datasetDir(identifier).resolve("structure-" + structureVersion + ".csv");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<String> texts = new ArrayList<>();
            // columns of standard §6: field name, english description, russian description, format
            for (List<String> row : CsvPreview.read(file, MAX_FIELDS).rows()) {
                for (int column = 1; column <= 2 && column < row.size(); column++) {
                    texts.add(row.get(column));
                }
            }
            return texts;
        } catch (IOException e) {
            // the dataset is still found by its passport texts
            LOG.warn("Cannot read {} for the search index: {}", file, e.getMessage());
            return List.of();
        }
    }
}
