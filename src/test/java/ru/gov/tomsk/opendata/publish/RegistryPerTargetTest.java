package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.SshKeys;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestFtpServer;
import ru.gov.tomsk.opendata.support.TestSftpServer;

/**
 * The registry each portal receives lists exactly the datasets that publish to it, over every mirroring kind
 * (sftp on Apache MINA SSHD, ftp on Apache MINA FtpServer, a directory), whatever the other feeds do: a local-only
 * feed ({@code publish: []}) runs beside the portal feeds, and a third feed goes to the directory mirror only.
 */
class RegistryPerTargetTest {

    static final String PORTAL = Fixtures.FEED;
    static final String LOCAL = "7017069388-local";
    static final String MIRROR_ONLY = "7017069388-mirroronly";
    static final String USER = "portal";
    static final String PASSWORD = "Portal&Pass+42%=x?";

    @TempDir
    Path home;
    @TempDir
    Path sftpRoot;
    @TempDir
    Path ftpRoot;
    @TempDir
    Path mirror;
    @TempDir
    Path keys;

    TestSftpServer sftp;
    TestFtpServer ftp;

    @BeforeEach
    void startServers() throws Exception {
        sftp = TestSftpServer.serving(sftpRoot).hostKeys(SshKeys.Type.ED25519.generate()).password(USER, PASSWORD).start();
        ftp = TestFtpServer.serving(ftpRoot).login(USER, PASSWORD).start();
    }

    @AfterEach
    void stopServers() throws IOException {
        sftp.close();
        ftp.close();
    }

    @Test
    void eachPortalsRegistryListsExactlyTheDatasetsThatPublishToIt() throws Exception {
        String source = Fixtures.h2Source();
        Fixtures.installFixtureFeed(home); // no publish list: every target
        installFeed(LOCAL, "publish: []");
        installFeed(MIRROR_ONLY, "publish: [mirror]");
        // the local-only dataset went to the portals once, before its feed was made local-only: a passport of it is
        // still there, and must not bring it back into their registries
        for (Path root : List.of(sftpRoot.resolve("opendata"), ftpRoot.resolve("opendata"), mirror)) {
            Files.createDirectories(root.resolve(LOCAL));
            Files.writeString(root.resolve(LOCAL).resolve("meta.csv"), "property,value\r\n");
        }
        Map<String, Object> props = new HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        props.putAll(Mirror.directoryTarget("mirror", mirror));
        props.putAll(Mirror.serverTarget("sftp", "sftp", "localhost", sftp.port(), USER, "opendata"));
        props.put("opendata.targets.sftp.remote.password", "${PORTAL_PASSWORD}");
        props.put("opendata.targets.sftp.remote.known-hosts-file", sftp.writeKnownHosts(keys.resolve("known_hosts")).toString());
        props.put("opendata.targets.sftp.remote.connect-timeout", "60s");
        props.putAll(Mirror.serverTarget("ftp", "ftp", "127.0.0.1", ftp.port(), USER, "opendata"));
        props.put("opendata.targets.ftp.remote.password", "${PORTAL_PASSWORD}");
        props.put("PORTAL_PASSWORD", PASSWORD);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));

        try (TestApp app = TestApp.start(home, clock, props)) {
            // the local-only and the mirror-only datasets are published first: the portals' registries do not exist yet
            assertThat(app.run(LOCAL).status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(app.run(MIRROR_ONLY).status()).isEqualTo(RunStatus.PUBLISHED);
            Mirror.await(app, MIRROR_ONLY, "20260320T0900", "mirror", DeliveryStatus.DONE);
            assertThat(app.run(PORTAL).status()).isEqualTo(RunStatus.PUBLISHED);
            for (String target : List.of("sftp", "ftp", "mirror")) {
                Delivery done = Mirror.await(app, PORTAL, "20260320T0900", target, DeliveryStatus.DONE);
                assertThat(done.attempts()).as(target).isEqualTo(1);
                assertThat(done.lastError()).as(target).isNull();
            }
            assertThat(Mirror.deliveries(app, LOCAL)).isEmpty();
            assertThat(Mirror.deliveries(app, MIRROR_ONLY)).extracting(Delivery::target).containsExactly("mirror");

            byte[] local = Files.readAllBytes(TestApp.portal(home).resolve("list.csv"));
            assertThat(rows(local)).containsExactlyInAnyOrder(LOCAL, PORTAL, MIRROR_ONLY);
            byte[] portals = without(local, Set.of(LOCAL, MIRROR_ONLY));
            assertThat(sftpRoot.resolve("opendata/list.csv")).hasBinaryContent(portals);
            assertThat(ftpRoot.resolve("opendata/list.csv")).hasBinaryContent(portals);
            assertThat(mirror.resolve("list.csv")).hasBinaryContent(without(local, Set.of(LOCAL)));
            // the first delivery of each dataset completed its row, and every row leads to a passport there
            assertThat(Mirror.brokenLinks(sftpRoot.resolve("opendata"))).isEmpty();
            assertThat(Mirror.brokenLinks(ftpRoot.resolve("opendata"))).isEmpty();
            assertThat(Mirror.brokenLinks(mirror)).isEmpty();
            // and the portals got the passports of exactly their datasets (the stale one is left alone, unlisted)
            assertThat(sftpRoot.resolve("opendata/" + MIRROR_ONLY)).doesNotExist();
            assertThat(ftpRoot.resolve("opendata/" + MIRROR_ONLY)).doesNotExist();
            assertThat(sftpRoot.resolve("opendata/" + PORTAL + "/meta.csv"))
                    .hasSameBinaryContentAs(TestApp.portal(home).resolve(PORTAL + "/meta.csv"));
        }
    }

    /** The fixture feed under another identifier, with a publish list. */
    private void installFeed(String identifier, String publish) throws IOException {
        String yaml = new ClassPathResource("e2e/" + PORTAL + ".yaml").getContentAsString(StandardCharsets.UTF_8)
                .replace("identifier: " + PORTAL, "identifier: " + identifier) + publish + "\n";
        Files.writeString(TestApp.feeds(home).resolve(identifier + ".yaml"), yaml);
    }

    /** The identifiers of the registry's dataset rows, in order. */
    private static List<String> rows(byte[] listCsv) {
        return Arrays.stream(new String(listCsv, StandardCharsets.UTF_8).split("\r\n"))
                .filter(line -> line.startsWith("7017069388-"))
                .map(line -> line.substring(0, line.indexOf(','))).toList();
    }

    /** The registry's exact bytes without the rows of {@code identifiers}. */
    private static byte[] without(byte[] listCsv, Set<String> identifiers) {
        String text = new String(listCsv, StandardCharsets.UTF_8);
        String kept = Arrays.stream(text.split("(?<=\r\n)"))
                .filter(line -> identifiers.stream().noneMatch(id -> line.startsWith(id + ",")))
                .collect(Collectors.joining());
        assertThat(kept.length()).isLessThan(text.length());
        return kept.getBytes(StandardCharsets.UTF_8);
    }
}
