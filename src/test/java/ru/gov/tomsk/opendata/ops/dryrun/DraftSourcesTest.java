package ru.gov.tomsk.opendata.ops.dryrun;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.ops.DraftDryRun;
import ru.gov.tomsk.opendata.ops.DraftSample;
import ru.gov.tomsk.opendata.ops.Drafts;
import ru.gov.tomsk.opendata.ops.DryRunRefusedException;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * Drafts of the kinds that read their source themselves: an edit of a published sql feed (H2) shows its structure
 * change, the columns the query returns that no field reads, and the diff against the published version; a new
 * http feed pages through the API (WireMock). Nothing is written by either.
 */
class DraftSourcesTest {

    @TempDir
    Path home;

    @Test
    void sqlAndHttpDraftsReadTheRealSource() throws Exception {
        WireMockServer api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        api.start();
        Fixtures.installFixtureFeed(home);
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""))) {
            api.stubFor(get(urlPathEqualTo("/items")).willReturn(okJson(
                    "{\"items\": [{\"id\": 1, \"name\": \"Музей\", \"site\": \"x\"}, {\"id\": 2, \"name\": \"Театр\"}]}")));
            assertThat(app.run(Fixtures.FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            StateSnapshot.stopTimers(app);
            StateSnapshot before = StateSnapshot.of(home, app);
            Drafts drafts = app.bean(Drafts.class);

            // the published sql feed without its note field
            String fixture;
            try (InputStream in = getClass().getResourceAsStream("/e2e/" + Fixtures.FEED + ".yaml")) {
                fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String edited = fixture.replaceFirst("(?m)^    - \\{ name: note,.*\\n", "");
            FeedDefinition sql = drafts.parse(DraftFiles.operator(), edited);
            DraftDryRun sqlDraft = drafts.tryDraft(sql, null, 3);
            assertThat(sqlDraft.result().error()).isNull();
            assertThat(sqlDraft.installed()).isTrue();
            assertThat(sqlDraft.structure().removed()).containsExactly("note");
            assertThat(sqlDraft.structure().added()).isEmpty();
            assertThat(sqlDraft.columns().missing()).isEmpty();
            assertThat(sqlDraft.columns().extra()).containsExactly("NOTE");
            assertThat(sqlDraft.result().comparedWithVersion()).isNotNull();
            assertThat(sqlDraft.result().rowsAdded()).isZero();
            assertThat(sqlDraft.result().rowsRemoved()).isZero();
            assertThat(sqlDraft.result().firstRows()).hasSize(3);
            assertThatThrownBy(() -> drafts.tryDraft(sql, new DraftSample("a.csv", new byte[] {1}), 3))
                    .isInstanceOf(DryRunRefusedException.class).hasMessageContaining("part 'sample': kind sql");

            // a new http feed: the API itself, paged as a run pages it
            String http = DraftFiles.draft("7017069388-httpdraft", "  kind: http\n  url: " + api.baseUrl() + "/items\n"
                    + "  path: items\n").replaceFirst("(?s)structure:.*", """
                    structure:
                      key: [id]
                      fields:
                        - { name: id,   en: Identifier, ru: Идентификатор, type: integer, required: true }
                        - { name: name, en: Name,       ru: Наименование,  type: string,  required: true }
                    """);
            DraftDryRun httpDraft = drafts.tryDraft(drafts.parse(DraftFiles.operator(), http), null, 5);
            assertThat(httpDraft.result().error()).isNull();
            assertThat(httpDraft.installed()).isFalse();
            assertThat(httpDraft.structure()).isNull();
            assertThat(httpDraft.result().firstRows()).containsExactly(List.of("1", "Музей"), List.of("2", "Театр"));
            assertThat(httpDraft.columns().extra()).containsExactly("site");

            assertThat(StateSnapshot.of(home, app)).isEqualTo(before);
        } finally {
            api.stop();
        }
    }
}
