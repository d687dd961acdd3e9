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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.dataset.Structure;
import ru.gov.tomsk.opendata.format.CsvDataWriter;
import ru.gov.tomsk.opendata.format.MetaCsv;
import ru.gov.tomsk.opendata.format.MetaDocument;
import ru.gov.tomsk.opendata.format.RegistryCsv;
import ru.gov.tomsk.opendata.format.RegistryEntry;
import ru.gov.tomsk.opendata.format.StructureCsv;
import ru.gov.tomsk.opendata.format.JsonSchemaStructure;
import ru.gov.tomsk.opendata.format.MetaJson;
import ru.gov.tomsk.opendata.format.MetaXml;
import ru.gov.tomsk.opendata.format.RegistryJson;
import ru.gov.tomsk.opendata.format.RegistryXml;
import ru.gov.tomsk.opendata.format.XsdStructure;

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
    private final GateRepository gate;
    private final TransactionTemplate transaction;
    private final OpendataProperties properties;
    private final Clock clock;

    public Catalog(CatalogRepository repository, GateRepository gate, TransactionTemplate transaction,
                   OpendataProperties properties, Clock clock) {
        this.repository = repository;
        this.gate = gate;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    public Path datasetDir(String identifier) {
        return properties.portalDir().resolve(identifier);
    }

    /** Staged data files for a run of this dataset; commit them, hold them, or close them. */
    public StagedVersion stage(String identifier) throws IOException {
        return new StagedVersion(datasetDir(identifier));
    }

    /** The newest published data version, if any. */
    public Optional<DataVersion> latest(String identifier) {
        return repository.dataVersions(identifier).stream().findFirst();
    }

    /** The published CSV file of a data version. */
    public Path csvFile(DataVersion version) {
        return datasetDir(version.identifier()).resolve(version.fileStem() + ".csv");
    }

    /**
     * Publishes the staged files as a new version if the content differs from the newest version;
     * otherwise only moves {@code valid} forward. Either way the passport text is refreshed, and a
     * version still held for this dataset is superseded.
     */
    public CommitResult commit(NewVersion version, StagedVersion staged) {
        Instant now = clock.instant();
        ZoneId zone = properties.timeZone();
        LocalDate valid = version.frequency().validUntil(LocalDate.ofInstant(now, zone));
        String id = version.identifier();
        CommitResult result = transaction.execute(tx -> {
            repository.lockDataset(id);
            Optional<DataVersion> latest = repository.dataVersions(id).stream().findFirst();
            repository.updateDataset(version.passport(), version.frequency(), valid, now);
            supersedeWaiting(id, now);
            if (latest.isPresent() && latest.get().fingerprint().equals(version.fingerprint())) {
                return new CommitResult(false, latest.get().version(), false, valid);
            }
            Map<String, byte[]> structureFiles = structureFiles(version.structure());
            String structureFingerprint = CsvDataWriter.fingerprint(concat(structureFiles.values()));
            Optional<StructureVersion> latestStructure = repository.structureVersions(id).stream().findFirst();
            boolean newStructure = latestStructure.isEmpty() || !latestStructure.get().fingerprint().equals(structureFingerprint);
            String structureVersion = newStructure
                    ? VersionStamps.next(now, zone, latestStructure.map(StructureVersion::version).orElse(null))
                    : latestStructure.get().version();
            DataVersion data = new DataVersion(id, VersionStamps.next(now, zone, latest.map(DataVersion::version).orElse(null)),
                    structureVersion, version.fingerprint(), version.rowCount(), version.provenance(), now,
                    List.copyOf(staged.files().keySet()), version.added(), version.changed(), version.removed());
            try {
                for (Map.Entry<String, Path> file : staged.files().entrySet()) {
                    AtomicFiles.moveIntoPlace(file.getValue(), datasetDir(id).resolve(data.fileStem() + "." + file.getKey()));
                }
                staged.committed();
                if (newStructure) {
                    StructureVersion s = new StructureVersion(id, structureVersion, structureFingerprint, now);
                    for (Map.Entry<String, byte[]> file : structureFiles.entrySet()) {
                        AtomicFiles.writeIfChanged(datasetDir(id).resolve(s.fileStem() + "." + file.getKey()), file.getValue());
                    }
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

    /**
     * Keeps a version a guard stopped: its files wait hidden in the dataset's folder, the published
     * version stays as it is. A newer held version replaces an older one still waiting.
     */
    public long hold(NewVersion version, StagedVersion staged, long runId, String reason) {
        Instant now = clock.instant();
        return transaction.execute(tx -> {
            repository.lockDataset(version.identifier());
            supersedeWaiting(version.identifier(), now);
            long heldId = gate.insertHeld(new HeldVersion(0, version.identifier(), runId, now, HeldVersion.Status.HELD,
                    reason, version.fingerprint(), version.rowCount(), List.copyOf(staged.files().keySet()),
                    version.provenance(), version.added(), version.changed(), version.removed(), null, null));
            try {
                staged.hold(heldId);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the held files of " + version.identifier() + ": " + e.getMessage(), e);
            }
            return heldId;
        });
    }

    /** Publishes a held version as if its run had passed the guards; the feed supplies the current passport. */
    public CommitResult approve(long heldId, NewVersion described, String by) throws IOException {
        HeldVersion held = waiting(heldId);
        NewVersion version = new NewVersion(described.passport(), described.frequency(), described.structure(),
                held.fingerprint(), held.rowCount(), held.formats(), held.provenance(), held.rowsAdded(),
                held.rowsChanged(), held.rowsRemoved());
        try (StagedVersion staged = StagedVersion.held(datasetDir(held.identifier()), heldId, held.formats())) {
            gate.decide(heldId, HeldVersion.Status.APPROVED, clock.instant(), by);
            return commit(version, staged);
        }
    }

    /** Drops a held version; the published version stays as it is. */
    public void discard(long heldId, String by) throws IOException {
        HeldVersion held = waiting(heldId);
        gate.decide(heldId, HeldVersion.Status.DISCARDED, clock.instant(), by);
        deleteHeldFiles(held);
    }

    /** The held version if it still waits for a decision; refused with the reason otherwise. */
    public HeldVersion waiting(long heldId) {
        HeldVersion held = gate.held(heldId).orElseThrow(() ->
                new HeldDecisionRefused(HeldDecisionRefused.Reason.NOT_FOUND, heldId, null));
        if (held.status() != HeldVersion.Status.HELD) {
            throw new HeldDecisionRefused(HeldDecisionRefused.Reason.ALREADY_DECIDED, heldId, held);
        }
        return held;
    }

    private void supersedeWaiting(String identifier, Instant now) {
        for (HeldVersion older : gate.waiting(identifier)) {
            gate.decide(older.id(), HeldVersion.Status.SUPERSEDED, now, "system");
            deleteHeldFiles(older);
        }
    }

    private void deleteHeldFiles(HeldVersion held) {
        for (String format : held.formats()) {
            try {
                Files.deleteIfExists(StagedVersion.heldFile(datasetDir(held.identifier()), held.id(), format));
            } catch (IOException e) {
                LOG.warn("Cannot delete held file of {}: {}", held.identifier(), e.getMessage());
            }
        }
    }

    /** The structure files of a structure version, by extension; all of them decide whether the structure changed. */
    Map<String, byte[]> structureFiles(Structure structure) {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("csv", StructureCsv.render(structure));
        files.put("xsd", XsdStructure.render(structure));
        files.put("json", JsonSchemaStructure.render(structure));
        return files;
    }

    private static byte[] concat(java.util.Collection<byte[]> parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        return all.toByteArray();
    }

    /** Re-renders {@code meta.csv} of one dataset from the database; writes only if the bytes differ. */
    public void refreshPassport(String identifier) {
        published(identifier).ifPresent(dataset -> dataset.passport()
                .forEach((name, bytes) -> write(datasetDir(identifier).resolve(name), bytes)));
    }

    /** Re-renders {@code list.csv} from the database; writes only if the bytes differ. */
    public void refreshRegistry() {
        registry(identifier -> true).forEach((name, bytes) -> write(properties.portalDir().resolve(name), bytes));
    }

    /**
     * A published dataset's files and its passport, rendered from one reading of the database: what a
     * target needs to mirror it. Data versions are read before structure versions, so every structure
     * a listed data version refers to is listed too, even while a commit is running.
     */
    public Optional<PublishedDataset> published(String identifier) {
        List<DataVersion> data = repository.dataVersions(identifier);
        if (data.isEmpty()) {
            return Optional.empty();
        }
        List<StructureVersion> structures = repository.structureVersions(identifier);
        Optional<DatasetState> state = repository.dataset(identifier);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        MetaDocument meta = metaDocument(state.get(), data, structures);
        Map<String, byte[]> passport = new java.util.LinkedHashMap<>();
        // the CSV passport last: it is the one consumers poll
        passport.put("meta.json", MetaJson.render(meta));
        passport.put("meta.xml", MetaXml.render(meta));
        passport.put("meta.csv", MetaCsv.render(meta));
        List<String> files = new java.util.ArrayList<>();
        for (StructureVersion s : structures) {
            PublishedFile.STRUCTURE_FORMATS.forEach(extension -> files.add(s.fileStem() + "." + extension));
        }
        for (DataVersion d : data) {
            d.formats().forEach(extension -> files.add(d.fileStem() + "." + extension));
        }
        return Optional.of(new PublishedDataset(identifier, datasetDir(identifier), data.get(0).version(), files, passport));
    }

    /**
     * {@code list.*} by file name ({@code list.csv} last) for the published datasets {@code listed} accepts:
     * a mirror lists only the datasets whose passports it already holds.
     */
    public Map<String, byte[]> registry(java.util.function.Predicate<String> listed) {
        List<RegistryEntry> entries = repository.publishedDatasets().stream()
                .filter(d -> listed.test(d.passport().identifier()))
                .map(d -> new RegistryEntry(d.passport().identifier(), d.passport().title(),
                        url(d.passport().identifier(), "meta.csv")))
                .toList();
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("list.json", RegistryJson.render(properties.standardVersion(), entries));
        files.put("list.xml", RegistryXml.render(properties.standardVersion(), entries));
        files.put("list.csv", RegistryCsv.render(properties.standardVersion(), entries));
        return files;
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
