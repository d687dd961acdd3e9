package ru.gov.tomsk.opendata.programme.mandates;

import java.nio.file.Path;
import java.util.List;

import ru.gov.tomsk.opendata.feed.FeedProblem;

/**
 * A catalogue file that could not be read, with every problem found in it (file, line, column, property), the way the
 * feed files' problems are told. Its list is left out of the coverage until the file is fixed; the rest goes on.
 */
public record BrokenCatalogueFile(Path file, List<FeedProblem> problems) {

    public BrokenCatalogueFile {
        problems = List.copyOf(problems);
    }

    /** The file's name, for the pages (templates may not call into {@link Path}). */
    public String fileName() {
        return file.getFileName().toString();
    }

    /** The file as configured, for the console. */
    public String path() {
        return file.toString();
    }
}
