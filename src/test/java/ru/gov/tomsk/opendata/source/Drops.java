package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.KeyMatcher;
import org.quartz.listeners.JobListenerSupport;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.core.io.ClassPathResource;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestFtpServer;
import ru.gov.tomsk.opendata.support.TestSftpServer;

/** What the file-drop tests share: the feed, the payloads, dropping a file, firing a feed's job. */
final class Drops {

    static final String FEED = "7017069388-drops";
    /** Three organisations, UTF-8 with a header line, quotes and commas inside values; CRLF like Excel. */
    static final String GOOD_CSV = "id,name,amount,opened,active\r\n"
            + "1,Школа № 1,1234.50,01.09.1990,да\r\n"
            + "2,\"МАОУ \"\"Гимназия № 2\"\"\",0.00,,нет\r\n"
            + "3,\"Детский сад, корпус 2\",1000000.00,15.06.2015,да\r\n";
    /** The same with one amount changed. */
    static final String CHANGED_CSV = GOOD_CSV.replace("1234.50", "99.90");
    /** Line 4 lost two columns: the reader must refuse the file rather than shift values into the wrong fields. */
    static final String RAGGED_CSV = "id,name,amount,opened,active\r\n"
            + "1,Школа № 1,1234.50,01.09.1990,да\r\n"
            + "2,Гимназия № 2,0.00,,нет\r\n"
            + "3,Детский сад,1000000.00\r\n";
    /** Dropped well before the schedule fires, so the read lock's minimum age never makes a test wait. */
    static final Instant DROPPED_AT = Instant.parse("2026-03-20T01:00:00Z");
    /** The department's login on the drop servers whose login starts below their root, and its home there. */
    static final String USER = "feeder";
    static final String PASSWORD = "Feeder&Sftp+8%y";
    static final String HOME = "/home/feeder";

    private Drops() {
    }

    /** A drop of {@code rows} organisations, UTF-8 with a header line, about 50 bytes a row. */
    static byte[] organisations(int rows) {
        StringBuilder csv = new StringBuilder("id,name,amount,opened,active\r\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",Организация № ").append(i).append(',').append(i).append(".50,01.09.1990,да\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Installs the drops feed with the given {@code source:} block (YAML, indented by two spaces) instead of the
     * resource's own, so that every kind is tested on the same dataset.
     */
    static void installFeed(Path home, String sourceBlock) throws IOException {
        installFeed(home, FEED, sourceBlock);
    }

    /** As {@link #installFeed(Path, String)}, under another identifier, so that several drop feeds run side by side. */
    static void installFeed(Path home, String feedId, String sourceBlock) throws IOException {
        String yaml;
        try (InputStream in = new ClassPathResource("e2e/" + FEED + ".yaml").getInputStream()) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (sourceBlock != null) {
            yaml = yaml.replaceFirst("(?s)source:\n.*?\nstructure:", java.util.regex.Matcher.quoteReplacement(
                    "source:\n" + sourceBlock.stripTrailing() + "\nstructure:"));
        }
        yaml = yaml.replace("identifier: " + FEED + "\n", "identifier: " + feedId + "\n");
        Files.writeString(TestApp.feeds(home).resolve(feedId + ".yaml"), yaml);
    }

    /** The {@code source:} block of a feed reading organisations*.csv from {@code directory} on an FTP server. */
    static String ftpSource(String directory, String minAge) {
        return ftpSource("FTP", directory, minAge);
    }

    /** As {@link #ftpSource(String, String)}, its settings named {@code <prefix>_PORT} and so on, one per server. */
    static String ftpSource(String prefix, String directory, String minAge) {
        return remoteSource("ftp", "127.0.0.1", prefix, "", directory, minAge);
    }

    /** The properties {@link #ftpSource(String, String)} refers to. */
    static Map<String, Object> ftpProps(TestFtpServer server, String user, String password) {
        return ftpProps("FTP", server, user, password);
    }

    static Map<String, Object> ftpProps(String prefix, TestFtpServer server, String user, String password) {
        return new HashMap<>(Map.of(prefix + "_PORT", String.valueOf(server.port()), prefix + "_USER", user,
                prefix + "_PASSWORD", password));
    }

    /** The {@code source:} block of a feed reading organisations*.csv from {@code directory} on an SFTP server. */
    static String sftpSource(String directory, String minAge) {
        return sftpSource("SFTP", directory, minAge);
    }

    /** As {@link #sftpSource(String, String)}, its settings named {@code <prefix>_PORT} and so on, one per server. */
    static String sftpSource(String prefix, String directory, String minAge) {
        return remoteSource("sftp", "localhost", prefix, "  knownHostsFile: ${" + prefix + "_KNOWN_HOSTS}\n", directory,
                minAge);
    }

    /** The block both remote kinds share; {@code extra} holds the kind's own lines, indented by two. */
    private static String remoteSource(String kind, String host, String prefix, String extra, String directory,
                                       String minAge) {
        return """
                  kind: %1$s
                  host: %2$s
                  port: ${%3$s_PORT}
                  username: ${%3$s_USER}
                  password: ${%3$s_PASSWORD}
                %4$s  directory: %5$s
                  include: organisations*.csv
                  minAge: %6$s
                  format: csv
                """.formatted(kind, host, prefix, extra, directory, minAge);
    }

    /**
     * The properties {@link #sftpSource(String, String)} refers to, with a known_hosts file written to
     * {@code knownHosts} that holds the server's key, as {@code ssh-keyscan} would write it.
     */
    static Map<String, Object> sftpProps(TestSftpServer server, String user, String password, Path knownHosts)
            throws IOException {
        return sftpProps("SFTP", server, user, password, knownHosts);
    }

    static Map<String, Object> sftpProps(String prefix, TestSftpServer server, String user, String password,
                                         Path knownHosts) throws IOException {
        return new HashMap<>(Map.of(prefix + "_PORT", String.valueOf(server.port()), prefix + "_USER", user,
                prefix + "_PASSWORD", password, prefix + "_KNOWN_HOSTS", server.writeKnownHosts(knownHosts).toString()));
    }

    /**
     * What every remote drop kind must do with a good file: the first drop is published and archived on the server
     * under the run's day; after a restart on the same state the very same file (name, size, mtime) is not read
     * again, and a changed one is published. {@code afterFirstRun} checks what only one kind promises.
     */
    static void assertPublishedOnceAcrossARestart(Path home, Path inbox, Map<String, Object> props,
                                                  Runnable afterFirstRun) {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, props)) {
            drop(inbox, "organisations.csv", GOOD_CSV, DROPPED_AT);
            FeedRun first = run(app, FEED);
            assertThat(first.status()).as(first.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(first.rowsWritten()).isEqualTo(3);
            assertThat(files(inbox)).isEmpty();
            assertThat(inbox.resolve(".done/20260320/organisations.csv")).hasContent(GOOD_CSV);
            afterFirstRun.run();
        }

        clock.set("2026-03-21T02:00:00Z");
        try (TestApp app = TestApp.start(home, clock, props)) {
            drop(inbox, "organisations.csv", GOOD_CSV, DROPPED_AT);
            fire(app, FEED);
            assertThat(app.runs(FEED)).hasSize(1);
            assertThat(files(inbox)).containsExactly("organisations.csv");

            drop(inbox, "organisations.csv", CHANGED_CSV, DROPPED_AT.plusSeconds(3600));
            FeedRun changed = run(app, FEED);
            assertThat(changed.status()).as(changed.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(changed.rowsChanged()).isEqualTo(1);
            assertThat(inbox.resolve(".done/20260321/organisations.csv")).hasContent(CHANGED_CSV);
        }
    }

    /**
     * The next day a drop whose line 4 lost two columns fails its run, moves to {@code .error} with its reason beside
     * it, and the {@code published} portal stays as it was. Returns the reason file's text.
     */
    static String assertBadDropRefused(TestApp app, MutableClock clock, Path home, Path inbox,
                                       Map<String, String> published) throws IOException {
        clock.set("2026-03-21T02:00:00Z");
        drop(inbox, "organisations-bad.csv", RAGGED_CSV, DROPPED_AT);
        FeedRun failed = run(app, FEED);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.message()).contains("organisations-bad.csv").contains("line 4");
        assertThat(Fixtures.snapshot(TestApp.portal(home))).isEqualTo(published);
        assertThat(inbox.resolve(".error/organisations-bad.csv")).hasContent(RAGGED_CSV);
        assertThat(files(inbox)).isEmpty();
        String reason = Files.readString(inbox.resolve(".error/organisations-bad.csv.error.txt"));
        // what the department reads in the console: Russian first, the run's technical message after
        assertThat(reason).contains("Reason: " + failed.departmentMessage()).contains(failed.message());
        return reason;
    }

    /**
     * The secrets appear nowhere in what the service logged. Checks first that the capture did see the service's
     * log, so that the absence means something.
     */
    static void assertLogsHide(CapturedOutput output, String... secrets) {
        assertThat(output.getAll()).contains("Feed " + FEED + " scheduled");
        for (String secret : secrets) {
            assertThat(output.getAll()).as("the log").doesNotContain(secret);
        }
    }

    /** Writes a file into a drop directory (local, or the directory an FTP or SFTP server serves) with a set mtime. */
    static Path drop(Path dir, String name, String content, Instant modified) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.writeString(file, content, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, FileTime.from(modified));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the regular files directly in a directory (not in .done or .error). */
    static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fires the feed's Quartz job and waits for it to finish, then returns the run it recorded. Unlike
     * {@link TestApp#run}, which returns as soon as the run is recorded, this also waits for what the file consumer
     * does after the run (moving the file to .done or .error), which happens in the same job.
     */
    static FeedRun run(TestApp app, String feedId) {
        int before = app.runs(feedId).size();
        fire(app, feedId);
        List<FeedRun> runs = app.runs(feedId);
        assertThat(runs).as("runs of %s after its job ran", feedId).hasSizeGreaterThan(before);
        return runs.get(0);
    }

    /** Fires the feed's Quartz job and waits for it to finish, whether or not it recorded a run. */
    static void fire(TestApp app, String feedId) {
        Scheduler scheduler = app.bean(CamelContext.class).getComponent("quartz", QuartzComponent.class).getScheduler();
        JobKey job = JobKey.jobKey(feedId, FeedRoutes.QUARTZ_GROUP);
        AtomicBoolean finished = new AtomicBoolean();
        String listener = "test-" + UUID.randomUUID();
        try {
            // a job still finishing (TestApp.run returns once the run is recorded, before the file is moved) would
            // be taken for this one
            await().atMost(Duration.ofSeconds(60)).until(() -> scheduler.getCurrentlyExecutingJobs().stream()
                    .noneMatch(running -> running.getJobDetail().getKey().equals(job)));
            scheduler.getListenerManager().addJobListener(new JobListenerSupport() {
                @Override
                public String getName() {
                    return listener;
                }

                @Override
                public void jobWasExecuted(JobExecutionContext context, JobExecutionException error) {
                    finished.set(true);
                }
            }, KeyMatcher.keyEquals(job));
            app.bean(FeedRoutes.class).runNow(feedId);
            await().atMost(Duration.ofSeconds(60)).untilTrue(finished);
            scheduler.getListenerManager().removeJobListener(listener);
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }
}
