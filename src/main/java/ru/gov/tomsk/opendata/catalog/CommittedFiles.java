package ru.gov.tomsk.opendata.catalog;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Whether a file of the published tree is one the catalogue committed. The database decides, as for everything the
 * catalogue publishes: a data or structure file is committed once its version row is, {@code meta.*} once the dataset
 * has a version, {@code list.*} always (rendered at every start and after every change). So a file in the folder
 * that the catalogue did not write (a backup, a note, a page someone copied there, a file of a commit still running
 * or rolled back) is not committed, on every node of a cluster and after any restart, with no list of files to keep.
 *
 * <p>Answers "yes" are remembered: a committed version is never changed or removed (standard §6, old versions stay
 * downloadable), so only the first request for a file asks the database. Answers "no" are not, since another node
 * may commit the version a moment later.
 */
@Component
public class CommittedFiles {

    /** A regional section has hundreds of datasets with a few dozen files each; the bound only guards memory. */
    private static final int REMEMBERED = 100_000;

    private final CatalogRepository repository;
    private final Set<String> committed = ConcurrentHashMap.newKeySet();

    public CommittedFiles(CatalogRepository repository) {
        this.repository = repository;
    }

    /** {@code path} is relative to the tree, as {@code 7017069388-schools/meta.csv}. */
    public boolean isCommitted(String path) {
        if (committed.contains(path)) {
            return true;
        }
        boolean answer = PublishedFile.parse(path).map(this::inDatabase).orElse(false);
        if (answer) {
            if (committed.size() >= REMEMBERED) {
                committed.clear();
            }
            committed.add(path);
        }
        return answer;
    }

    private boolean inDatabase(PublishedFile file) {
        return switch (file.kind()) {
            case REGISTRY -> true;
            case PASSPORT -> repository.hasDataVersion(file.identifier());
            case STRUCTURE -> repository.hasStructureVersion(file.identifier(), file.structureVersion());
            case DATA -> repository.dataVersion(file.identifier(), file.dataVersion())
                    .filter(d -> d.structureVersion().equals(file.structureVersion()))
                    .filter(d -> d.formats().contains(file.extension()))
                    .isPresent();
        };
    }
}
