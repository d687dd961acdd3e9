package ru.gov.tomsk.opendata.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;

import ru.gov.tomsk.opendata.feed.FeedChange.Kind;

/**
 * How the registry finds what changed in the feed directory between two looks: only files that stopped changing,
 * by content, never a half-written file, never a vanished directory taken for an empty one. Each {@code scan()}
 * here is one look of the reloader.
 */
class FeedRegistryReloadTest {

    static final String ID = "7017069388-fixture";

    @TempDir
    Path dir;

    FeedRegistry registry;
    Path file;
    String valid;

    @BeforeEach
    void setUp() throws IOException {
        registry = new FeedRegistry(dir, FeedRules.of(Set.of("fixture"), name -> null));
        file = dir.resolve(ID + ".yaml");
        valid = new ClassPathResource("e2e/" + ID + ".yaml").getContentAsString(StandardCharsets.UTF_8);
    }

    /** One event is one line: `grep ERROR` of the log keeps each problem's file:line with the message. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aBrokenFileIsLoggedAsOneLineWithEveryLocation(CapturedOutput output) throws IOException {
        Files.writeString(file, valid.replace("frequency: quarterly", "frequency: fortnightly") + "colour: blue\n");
        registry.load();

        String error = output.getAll().lines().filter(line -> line.contains("Feed file is invalid")).findFirst()
                .orElseThrow();
        assertThat(error).contains(file + ":").contains("ERROR");
        InvalidFeedException broken = registry.broken().get(ID);
        assertThat(broken.problems()).hasSizeGreaterThanOrEqualTo(2);
        // every problem, located, on that same line
        broken.problems().forEach(problem -> assertThat(error).contains(problem.toString()));
    }

    @Test
    void aFileBeingWrittenIsReadOnlyOnceItStayedTheSameBetweenTwoLooks() throws IOException {
        registry.load();
        // the first half of the file, as a slow copy leaves it for a moment
        Files.writeString(file, valid.substring(0, valid.length() / 2));
        assertThat(registry.scan()).as("first seen").isEmpty();
        Files.writeString(file, valid);
        assertThat(registry.scan()).as("changed since the last look").isEmpty();

        List<FeedChange> changes = registry.scan();
        assertThat(changes).extracting(FeedChange::kind, FeedChange::feedId).containsExactly(tuple(Kind.ADDED, ID));
        // nothing is in effect until accepted: found again at the next look (a swap that had to wait)
        assertThat(registry.feed(ID)).isEmpty();
        assertThat(registry.scan()).extracting(FeedChange::kind).containsExactly(Kind.ADDED);

        registry.accept(changes.get(0));
        assertThat(registry.feed(ID)).isPresent();
        assertThat(registry.scan()).isEmpty();
    }

    @Test
    void aBrokenEditKeepsThePreviousDefinitionAndPuttingTheFileBackOnlyClearsTheError() throws IOException {
        Files.writeString(file, valid);
        registry.load();
        FeedDefinition running = registry.feed(ID).orElseThrow();

        // a file cut short for good, on line 6 inside a quoted value (a copy that stopped half-way)
        String truncated = valid.substring(0, valid.indexOf("3822"));
        Files.writeString(file, truncated);
        assertThat(registry.scan()).isEmpty();
        List<FeedChange> changes = registry.scan();
        assertThat(changes).hasSize(1);
        FeedChange broken = changes.get(0);
        assertThat(broken.kind()).isEqualTo(Kind.BROKEN);
        assertThat(broken.previous()).isSameAs(running);
        assertThat(broken.problem().getMessage()).startsWith(file + ":6:").contains("YAML syntax");

        registry.accept(broken);
        assertThat(registry.feed(ID)).get().isSameAs(running);
        assertThat(registry.broken()).containsKey(ID);
        assertThat(registry.scan()).as("reported once, not at every look").isEmpty();

        Files.writeString(file, valid);
        assertThat(registry.scan()).isEmpty();
        FeedChange restored = registry.scan().get(0);
        assertThat(restored.kind()).isEqualTo(Kind.RESTORED);
        registry.accept(restored);
        assertThat(registry.broken()).isEmpty();
        assertThat(registry.feed(ID)).get().isSameAs(running);
    }

    @Test
    void anEditIsAChangeOfContentNotOfTime() throws IOException {
        Files.writeString(file, valid);
        registry.load();
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 60_000));
        assertThat(registry.scan()).isEmpty();
        assertThat(registry.scan()).as("touched only").isEmpty();

        // same size, same time: only the content tells
        FileTime time = Files.getLastModifiedTime(file);
        Files.writeString(file, valid.replace("quarterly", "quarterlY"));
        Files.setLastModifiedTime(file, time);
        assertThat(registry.scan()).isEmpty();
        assertThat(registry.scan()).extracting(FeedChange::kind).containsExactly(Kind.BROKEN);

        Files.writeString(file, valid.replace("Организации", "Учреждения"));
        registry.scan();
        FeedChange changed = registry.scan().get(0);
        assertThat(changed.kind()).isEqualTo(Kind.CHANGED);
        assertThat(changed.current().passport().title()).contains("Учреждения");
    }

    @Test
    void aFileIsRemovedOnlyOnceAbsentAtTwoLooksAndAVanishedDirectoryRemovesNothing() throws IOException {
        Files.writeString(file, valid);
        registry.load();

        // an editor saving by rename: gone for a moment, then back
        Files.delete(file);
        assertThat(registry.scan()).isEmpty();
        Files.writeString(file, valid);
        assertThat(registry.scan()).isEmpty();
        assertThat(registry.scan()).as("back as it was").isEmpty();

        // an unmounted share is not an empty directory
        Path moved = dir.resolveSibling(dir.getFileName() + "-unmounted");
        Files.move(dir, moved);
        assertThat(registry.scan()).isEmpty();
        assertThat(registry.scan()).isEmpty();
        Files.move(moved, dir);
        assertThat(registry.scan()).isEmpty();

        Files.delete(file);
        assertThat(registry.scan()).isEmpty();
        List<FeedChange> changes = registry.scan();
        assertThat(changes).extracting(FeedChange::kind).containsExactly(Kind.REMOVED);
        registry.accept(changes.get(0));
        assertThat(registry.feeds()).isEmpty();
        assertThat(registry.scan()).isEmpty();
    }
}
