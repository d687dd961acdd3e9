package ru.gov.tomsk.opendata.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRules;
import ru.gov.tomsk.opendata.feed.SourceKind;

/**
 * How a dry run reads a posted sample: written to a private temporary directory (outside the service's own
 * directories, deleted afterwards), then read through a Kamelet with the draft's own payload options, so that the
 * encoding, separator and format are told as a run tells them. A file kind's sample goes through the {@code file}
 * Kamelet; a push's is sent as the body of a push.
 */
final class DraftSamples {

    /** The options that say how a file becomes records, the same for every kind that reads files. */
    static final List<String> PAYLOAD_OPTIONS = List.of("format", "separator", "quote", "charset", "path", "recordPath",
            "sheet");

    /** The feed and kind to read the sample with, and for a push the body to send. */
    record SampleFeed(FeedDefinition feed, SourceKind kind, Path body) {
    }

    private final FeedRules rules;

    DraftSamples(FeedRules rules) {
        this.rules = rules;
    }

    DryRunResult read(DraftSample sample, FeedDefinition draft, SourceKind kind,
                      Function<SampleFeed, DryRunResult> dryRun) {
        Path dir;
        try {
            // created readable by the service only (rwx------ where the file system has permissions)
            dir = Files.createTempDirectory("opendata-sample-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the sample", e);
        }
        try {
            String name = sample.safeName("sample." + draft.source().options().getOrDefault("format", "dat"));
            Path file = dir.resolve(name);
            Files.write(file, sample.content());
            DryRunResult result = draft.pushed() ? dryRun.apply(new SampleFeed(draft, kind, file))
                    : dryRun.apply(new SampleFeed(fromDirectory(draft, dir, name), rules.kind("file").orElseThrow(), null));
            return result.withSource("sample " + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample to " + dir, e);
        } finally {
            delete(dir);
        }
    }

    /** The draft reading one file of {@code dir}: at once (no minimum age), with no done-file. */
    private static FeedDefinition fromDirectory(FeedDefinition draft, Path dir, String name) {
        Map<String, String> options = new LinkedHashMap<>();
        PAYLOAD_OPTIONS.forEach(option -> {
            String value = draft.source().options().get(option);
            if (value != null) {
                options.put(option, value);
            }
        });
        options.put("directory", dir.toAbsolutePath().toString());
        options.put("include", name);
        options.put("minAge", "0s");
        return new FeedDefinition(draft.passport(), draft.frequency(), draft.schedule(), false,
                new FeedDefinition.Source("file", options), draft.structure(), draft.formats(), draft.allowEmpty(),
                draft.guards(), draft.publish(), draft.file());
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the sample's temporary directory " + dir, e);
        }
    }
}
