package ru.gov.tomsk.opendata.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.dataset.Frequency;
import ru.gov.tomsk.opendata.dataset.Passport;
import ru.gov.tomsk.opendata.dataset.Structure;
import ru.gov.tomsk.opendata.format.CsvDataWriter;
import ru.gov.tomsk.opendata.format.MetaCsv;
import ru.gov.tomsk.opendata.format.MetaDocument;
import ru.gov.tomsk.opendata.format.RegistryCsv;
import ru.gov.tomsk.opendata.format.RegistryEntry;
import ru.gov.tomsk.opendata.format.StructureCsv;

/**
 * The local open-data catalogue: the published tree on disk and its state in the database.
 *
 * <p>Commit order is data → structure → (database) → meta → list, every file written atomically.
 * The database is the truth; {@code meta.*} and {@code list.*} are pure renderings of it, rewritten
 * after every change and once at start-up, so a crash at any point leaves either the previous
 * state or one that the next start completes. Published data and structure files are never rewritten.
 */
@Service
public class Catalog {

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    private final CatalogRepository repository;
    private final TransactionTemplate transaction;
    private final OpendataProperties properties;
    private final Clock clock;

    public Catalog(CatalogRepository repository, TransactionTemplate transaction, OpendataProperties properties, Clock clock) {
        this.repository = repository;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    public Path datasetDir(String identifier) {
        return properties.portalDir().resolve(identifier);
    }

    /** A temporary data file for a run of this dataset; commit it or close it. */
    public StagedData stage(String identifier) throws IOException {
        return new StagedData(datasetDir(identifier));
    }

    /** The newest published data version, if any. */
    public Optional<DataVersion> latest(String identifier) {
        return repository.dataVersions(identifier).stream().findFirst();
    }

    /**
     * Publishes the staged data as a new version if its content differs from the newest version;
     * otherwise only moves {@code valid} forward. Either way the passport text is refreshed.
     */
    public CommitResult commit(Passport passport, Frequency frequency, Structure structure, StagedData staged,
                               String dataFingerprint, long rowCount, String provenance) {
        Instant now = clock.instant();
        ZoneId zone = properties.timeZone();
        LocalDate valid = frequency.validUntil(LocalDate.ofInstant(now, zone));
        String id = passport.identifier();
        CommitResult result = transaction.execute(tx -> {
            repository.lockDataset(id);
            Optional<DataVersion> latest = repository.dataVersions(id).stream().findFirst();
            repository.updateDataset(passport, valid, now);
            if (latest.isPresent() && latest.get().fingerprint().equals(dataFingerprint)) {
                return new CommitResult(false, latest.get().version(), false, valid);
            }
            byte[] structureCsv = StructureCsv.render(structure);
            String structureFingerprint = CsvDataWriter.fingerprint(structureCsv);
            Optional<StructureVersion> latestStructure = repository.structureVersions(id).stream().findFirst();
            boolean newStructure = latestStructure.isEmpty() || !latestStructure.get().fingerprint().equals(structureFingerprint);
            String structureVersion = newStructure
                    ? VersionStamps.next(now, zone, latestStructure.map(StructureVersion::version).orElse(null))
                    : latestStructure.get().version();
            DataVersion data = new DataVersion(id, VersionStamps.next(now, zone, latest.map(DataVersion::version).orElse(null)),
                    structureVersion, dataFingerprint, rowCount, provenance, now);
            try {
                AtomicFiles.moveIntoPlace(staged.file(), datasetDir(id).resolve(data.fileStem() + ".csv"));
                if (newStructure) {
                    StructureVersion s = new StructureVersion(id, structureVersion, structureFingerprint, now);
                    AtomicFiles.writeIfChanged(datasetDir(id).resolve(s.fileStem() + ".csv"), structureCsv);
                    repository.insertStructure(s);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the files of " + id + ": " + e.getMessage(), e);
            }
            repository.insertData(data);
            return new CommitResult(true, data.version(), newStructure, valid);
        });
        refreshPassport(id);
        refreshRegistry();
        return result;
    }

    /** Re-renders {@code meta.csv} of one dataset from the database; writes only if the bytes differ. */
    public void refreshPassport(String identifier) {
        repository.dataset(identifier).ifPresent(state -> {
            List<DataVersion> data = repository.dataVersions(identifier);
            if (data.isEmpty()) {
                return;
            }
            List<StructureVersion> structures = repository.structureVersions(identifier);
            write(datasetDir(identifier).resolve("meta.csv"), MetaCsv.render(metaDocument(state, data, structures)));
        });
    }

    /** Re-renders {@code list.csv} from the database; writes only if the bytes differ. */
    public void refreshRegistry() {
        List<RegistryEntry> entries = repository.publishedDatasets().stream()
                .map(d -> new RegistryEntry(d.passport().identifier(), d.passport().title(),
                        url(d.passport().identifier(), "meta.csv")))
                .toList();
        write(properties.portalDir().resolve("list.csv"), RegistryCsv.render(properties.standardVersion(), entries));
    }

    @PostConstruct
    void reconcileOnStart() {
        reconcile();
    }

    /**
     * Brings the tree in line with the database after a restart: finishes passports and registry a crash
     * interrupted, picks up a changed base URL, and removes temporary files of interrupted writes.
     */
    public void reconcile() {
        removeTemporaryFiles();
        for (DatasetState dataset : repository.publishedDatasets()) {
            refreshPassport(dataset.passport().identifier());
        }
        refreshRegistry();
    }

    public MetaDocument metaDocument(DatasetState state, List<DataVersion> data, List<StructureVersion> structures) {
        String id = state.passport().identifier();
        DataVersion newest = data.get(0);
        DataVersion first = data.get(data.size() - 1);
        List<MetaDocument.DataEntry> dataEntries = new java.util.ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            DataVersion d = data.get(i);
            // an older version was current until its successor appeared
            LocalDate valid = i == 0 ? state.validUntil() : VersionStamps.dateOf(data.get(i - 1).version());
            dataEntries.add(new MetaDocument.DataEntry(d.fileStem(), url(id, d.fileStem() + ".csv"),
                    VersionStamps.dateOf(d.version()), d.provenance(), valid, d.structureVersion()));
        }
        return new MetaDocument(properties.standardVersion(), state.passport(), "csv",
                VersionStamps.dateOf(first.version()), VersionStamps.dateOf(newest.version()), newest.provenance(),
                state.validUntil(), dataEntries,
                structures.stream().map(s -> new MetaDocument.StructureEntry(s.fileStem(), url(id, s.fileStem() + ".csv"),
                        VersionStamps.dateOf(s.version()))).toList());
    }

    private String url(String identifier, String file) {
        return properties.baseUrl() + identifier + "/" + file;
    }

    private void removeTemporaryFiles() {
        Path root = properties.portalDir();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            files.filter(AtomicFiles::isTemporary).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                    LOG.info("Removed {} left by an interrupted write", file);
                } catch (IOException e) {
                    LOG.warn("Cannot remove temporary file {}: {}", file, e.getMessage());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path target, byte[] bytes) {
        try {
            AtomicFiles.writeIfChanged(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
