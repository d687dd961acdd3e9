package ru.gov.tomsk.opendata.catalog.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Collator;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.catalog.CatalogRepository;
import ru.gov.tomsk.opendata.catalog.DataVersion;
import ru.gov.tomsk.opendata.catalog.DatasetState;
import ru.gov.tomsk.opendata.catalog.PublishedFile;
import ru.gov.tomsk.opendata.catalog.StructureVersion;
import ru.gov.tomsk.opendata.dataset.RussianPlural;
import ru.gov.tomsk.opendata.format.CsvReader;
import ru.gov.tomsk.opendata.format.MetaDocument;

/**
 * Builds the human pages' content from the catalogue: the database says what is published, the tree on disk
 * says which files of it exist (a format may be added or dropped between versions). Read-only.
 */
@Service
public class OpendataPages {

    /** Records the passport page previews. */
    static final int PREVIEW_RECORDS = 10;

    // the order in which formats are offered: the primary csv first, then the others of standard §1
    static final List<String> DATA_FORMATS = List.of("csv", "json", "xml", "geojson");
    static final List<String> STRUCTURE_FORMATS = List.of("csv", "xsd", "json");
    static final List<String> REGISTRY_FORMATS = List.of("csv", "json", "xml");

    private static final Logger LOG = LoggerFactory.getLogger(OpendataPages.class);
    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    private final CatalogRepository repository;
    private final Catalog catalog;
    private final OpendataProperties properties;
    private final DatasetSearchIndex search;
    private final PassportMapProperties mapSettings;

    public OpendataPages(CatalogRepository repository, Catalog catalog, OpendataProperties properties,
                         DatasetSearchIndex search, PassportMapProperties mapSettings) {
        this.repository = repository;
        this.catalog = catalog;
        this.properties = properties;
        this.search = search;
        this.mapSettings = mapSettings;
    }

    static boolean isIdentifier(String identifier) {
        // checked before an identifier reaches the database or the file system, which also closes path traversal
        return identifier != null && PublishedFile.IDENTIFIER.matcher(identifier).matches();
    }

    /**
     * The section page: the registry narrowed by {@code filter}'s owner and keyword, then by its search, best matches
     * first. The filters offer the values of all published datasets, and statistics always cover everything.
     */
    public SectionPage section(SectionFilter filter) {
        List<DatasetState> datasets = repository.publishedDatasets();
        Map<String, DataVersion> newest = repository.newestDataVersions().stream()
                .collect(Collectors.toMap(DataVersion::identifier, Function.identity()));
        List<DatasetState> shown = datasets.stream().filter(filter::admits).toList();
        if (filter.queryTooLong()) {
            shown = List.of();
        } else if (filter.searching() && DatasetSearch.hasWords(filter.query())) {
            Map<String, DatasetState> admitted = shown.stream()
                    .collect(Collectors.toMap(d -> d.passport().identifier(), Function.identity()));
            shown = search.of(datasets, newest).find(filter.query()).stream()
                    .map(admitted::get).filter(Objects::nonNull).toList();
        }
        List<SectionPage.Row> rows = shown.stream().map(d -> row(d, newest.get(d.passport().identifier()))).toList();
        Moment lastUpdate = newest.values().stream().map(DataVersion::createdAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).map(t -> Moment.of(t.atZone(zone()))).orElse(null);
        SectionPage.Statistics statistics = new SectionPage.Statistics(datasets.size(), repository.dataVersionCount(), lastUpdate);
        return new SectionPage(filter, rows, inRussianOrder(datasets.stream().map(d -> d.passport().creator())),
                inRussianOrder(datasets.stream().flatMap(d -> d.passport().subject().stream())), statistics,
                existing(properties.portalDir(), "list", REGISTRY_FORMATS));
    }

    /** The distinct values as a Russian reader expects them in a list: alphabetical, ё beside е, case aside. */
    private static List<String> inRussianOrder(Stream<String> values) {
        Collator russian = Collator.getInstance(RUSSIAN);
        return values.filter(v -> v != null && !v.isBlank()).distinct().sorted(russian).toList();
    }

    private SectionPage.Row row(DatasetState dataset, DataVersion newest) {
        String id = dataset.passport().identifier();
        String dataHref = null;
        String dataName = null;
        Moment modified = null;
        if (newest != null) {
            modified = Moment.of(newest.date());
            String file = newest.fileStem() + ".csv";
            if (Files.isRegularFile(catalog.datasetDir(id).resolve(file))) {
                dataHref = id + "/" + file;
                dataName = file;
            }
        }
        return new SectionPage.Row(id, dataset.passport().title(), dataset.passport().creator(),
                dataset.frequency() == null ? null : dataset.frequency().russianWord(), modified, id + "/",
                id + "/meta.csv", dataHref, dataName);
    }

    /** The passport page, or empty if the identifier is invalid or names no published dataset. */
    public Optional<DatasetPage> dataset(String identifier) {
        if (!isIdentifier(identifier)) {
            return Optional.empty();
        }
        Optional<DatasetState> state = repository.dataset(identifier);
        List<DataVersion> data = state.isPresent() ? repository.dataVersions(identifier) : List.of();
        if (data.isEmpty()) {
            // registered but never published: the registry does not list it, so neither does its page
            return Optional.empty();
        }
        List<StructureVersion> structures = repository.structureVersions(identifier);
        MetaDocument meta = catalog.metaDocument(state.get(), data, structures);
        Path dir = catalog.datasetDir(identifier);

        List<DatasetPage.PassportRow> dataRows = meta.data().stream()
                .map(d -> new DatasetPage.PassportRow(d.name(), d.url(), d.name() + ".csv")).toList();
        List<DatasetPage.PassportRow> structureRows = meta.structures().stream()
                .map(s -> new DatasetPage.PassportRow(s.name(), s.url(), s.name() + ".csv")).toList();

        List<DatasetPage.Version> versions = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            DataVersion d = data.get(i);
            MetaDocument.DataEntry entry = meta.data().get(i);
            versions.add(new DatasetPage.Version(d.fileStem(), Moment.of(d.createdAt().atZone(zone())), Moment.of(entry.valid()),
                    d.provenance(), d.rowCount() + " " + RussianPlural.records(d.rowCount()), d.structureVersion(),
                    // the formats the catalogue committed: a stray file of such a name is never served, so never linked
                    existing(dir, d.fileStem(), DATA_FORMATS.stream().filter(d.formats()::contains).toList())));
        }
        List<DatasetPage.Structure> structureViews = structures.stream()
                .map(s -> new DatasetPage.Structure(s.fileStem(), Moment.of(s.createdAt().atZone(zone())),
                        existing(dir, s.fileStem(), STRUCTURE_FORMATS)))
                .toList();

        var p = meta.passport();
        CsvPreview preview = preview(catalog.csvFile(data.get(0)));
        return Optional.of(new DatasetPage(p, properties.baseUrl() + identifier + "/", meta.standardVersion(),
                Moment.of(meta.created()), Moment.of(meta.modified()), meta.format(),
                meta.provenance(), Moment.of(meta.valid()), phoneHref(p.publisher().phone()), dataRows, structureRows,
                existing(dir, "meta", List.of("csv", "json", "xml")), versions, structureViews,
                preview, columns(preview, dir.resolve("structure-" + data.get(0).structureVersion() + ".csv")),
                map(data.get(0), dir)));
    }

    /** The preview's header with the Russian descriptions of {@code structure-*.csv} (standard §6, third column). */
    private static List<DatasetPage.Column> columns(CsvPreview preview, Path structureCsv) {
        if (preview == null) {
            return List.of();
        }
        Map<String, String> russian = new HashMap<>();
        if (Files.isRegularFile(structureCsv)) {
            try (BufferedReader in = Files.newBufferedReader(structureCsv, StandardCharsets.UTF_8)) {
                CsvReader reader = new CsvReader(in).lenient().cutFieldsAt(CsvPreview.MAX_CELL);
                reader.nextRecord();
                List<String> row;
                while ((row = reader.nextRecord()) != null) {
                    if (row.size() > 2 && row.get(0) != null && row.get(2) != null && !row.get(2).isBlank()) {
                        russian.putIfAbsent(row.get(0), row.get(2).strip());
                    }
                }
            } catch (IOException e) {
                // the technical names are still a header
                LOG.warn("Cannot read {} for the preview's header: {}", structureCsv, e.getMessage());
            }
        }
        return preview.header().stream().map(name -> new DatasetPage.Column(name, russian.getOrDefault(name, name))).toList();
    }

    /** The map of a version the catalogue published with a GeoJSON file; a stray file of that name is not one. */
    private PassportMap map(DataVersion version, Path dir) {
        Path geojson = dir.resolve(version.fileStem() + ".geojson");
        if (!version.formats().contains("geojson") || !Files.isRegularFile(geojson)) {
            return null;
        }
        try {
            return PassportMap.read(geojson, mapSettings);
        } catch (IOException | RuntimeException e) {
            // as for the preview: the file itself stays downloadable
            LOG.warn("Cannot read {} for the map: {}", geojson, e.getMessage());
            return null;
        }
    }

    private CsvPreview preview(Path csv) {
        if (!Files.isRegularFile(csv)) {
            return null;
        }
        try {
            return CsvPreview.read(csv, PREVIEW_RECORDS);
        } catch (IOException e) {
            // the page is still useful without the preview; the files stay downloadable
            LOG.warn("Cannot read {} for the preview: {}", csv, e.getMessage());
            return null;
        }
    }

    /** The files {@code <stem>.<format>} that exist in {@code dir}, in the order of {@code formats}. */
    private static List<FileLink> existing(Path dir, String stem, List<String> formats) {
        List<FileLink> links = new ArrayList<>();
        for (String format : formats) {
            String name = stem + "." + format;
            Path file = dir.resolve(name);
            try {
                if (Files.isRegularFile(file)) {
                    links.add(new FileLink(format, name, FileLink.size(Files.size(file))));
                }
            } catch (IOException e) {
                // a file removed between the two calls is simply not offered
                LOG.debug("Cannot read the size of {}: {}", file, e.getMessage());
            }
        }
        return links;
    }

    /** {@code tel:} wants the digits and a leading plus only; a phone without digits gets no link. */
    static String phoneHref(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return null;
        }
        return "tel:" + (phone.strip().startsWith("+") ? "+" : "") + digits;
    }

    private ZoneId zone() {
        return properties.timeZone();
    }
}
