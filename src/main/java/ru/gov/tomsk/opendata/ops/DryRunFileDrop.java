package ru.gov.tomsk.opendata.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.util.AntPathMatcher;
import org.apache.camel.util.TimeUtils;

/**
 * The file a {@code file} feed's next run would read, found without the file consumer: the consumer would move
 * it to {@code .done/} (or {@code .error/}) and remember it, which a dry run must not do. It applies the
 * template's selection: the {@code include} patterns, no names starting with a dot, the done-file when the feed
 * names one, files unchanged for {@code minAge}, oldest first ({@code sortBy: file:modified}). A dry run does not
 * watch a file the way a run does (CompleteDrops): it takes the file's modification time, on the system clock, as
 * when it last changed.
 */
final class DryRunFileDrop {

    private static final AntPathMatcher ANT = AntPathMatcher.INSTANCE;

    /** The chosen file and how many wait, for the result's {@code source}. */
    record Pick(Path file, int waiting) {
        String describe() {
            return "file " + file.getFileName() + " in " + file.getParent()
                    + (waiting > 1 ? " (the oldest of " + waiting + " waiting files, the one the next run reads)" : "");
        }
    }

    /** The file the next run would read. */
    Pick pick(Map<String, String> options) throws IOException {
        Path directory = Path.of(options.get("directory"));
        if (!Files.isDirectory(directory)) {
            throw new IOException("the drop directory " + directory.toAbsolutePath() + " does not exist");
        }
        List<String> include = Arrays.stream(options.getOrDefault("include", "*").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        String doneFile = options.get("doneFileName");
        long minAgeMillis = TimeUtils.toMilliSeconds(options.getOrDefault("minAge", "30s"));
        List<Path> candidates;
        try (Stream<Path> files = Files.list(directory)) {
            candidates = files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> include.stream().anyMatch(p -> ANT.match(p, f.getFileName().toString())))
                    .filter(f -> doneFile == null || !isDoneFile(f, doneFile, directory))
                    .sorted(Comparator.comparing(DryRunFileDrop::modified).thenComparing(Path::getFileName))
                    .toList();
        }
        List<Path> ready = candidates.stream()
                .filter(f -> doneFile == null || Files.exists(directory.resolve(doneFileName(doneFile, f))))
                .filter(f -> System.currentTimeMillis() - modified(f).toMillis() >= minAgeMillis)
                .toList();
        if (ready.isEmpty()) {
            String why = candidates.isEmpty() ? "no file matching '" + String.join(",", include) + "' waits in "
                    + directory.toAbsolutePath()
                    : candidates.size() + " file(s) wait in " + directory.toAbsolutePath() + " but none is ready yet ("
                    + (doneFile != null ? "no done-file " + doneFile + ", or " : "") + "changed less than "
                    + options.getOrDefault("minAge", "30s") + " ago): " + candidates.get(0).getFileName();
            throw new IOException("nothing to read: " + why);
        }
        return new Pick(ready.get(0), ready.size());
    }

    private static boolean isDoneFile(Path file, String doneFilePattern, Path directory) {
        // a done-file is never a data file itself: Camel skips it the same way
        String name = file.getFileName().toString();
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).anyMatch(f -> !f.equals(file)
                    && doneFileName(doneFilePattern, f).equals(name));
        } catch (IOException e) {
            return false;
        }
    }

    /** The done-file of a data file: the template's documented placeholders of {@code doneFileName}. */
    static String doneFileName(String pattern, Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String noExt = dot > 0 ? name.substring(0, dot) : name;
        return pattern.replace("${file:name.noext}", noExt).replace("${file:onlyname.noext}", noExt)
                .replace("${file:name}", name).replace("${file:onlyname}", name);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
