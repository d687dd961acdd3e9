package ru.gov.tomsk.opendata.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ru.gov.tomsk.opendata.ops.console.Console.click;
import static ru.gov.tomsk.opendata.ops.console.Console.text;
import static ru.gov.tomsk.opendata.ops.console.Console.texts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.HeldVersion;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * The admin console driven in a real browser engine (HtmlUnit, scripts off) against the real service: sign in,
 * read the overview, open a feed, run it now and see the run arrive, dry-run it, approve a held version, retry a
 * delivery; a viewer reads but cannot act. Every page is also checked to load nothing from another site.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleBrowserTest {

    static final String FIXTURE = Fixtures.FEED;
    static final String PLACES = "7017069388-places";
    static final String BROKEN = "7017069388-broken";

    @TempDir
    Path home;

    @Test
    void anOperatorRunsDryRunsApprovesAndRetriesFromTheConsole(CapturedOutput output) throws Exception {
        String source = Fixtures.h2Source();
        runScript(source, "e2e/places.sql");
        Fixtures.installFixtureFeed(home);
        Fixtures.installFeed(home, PLACES + ".yaml", PLACES + ".yaml");
        Path share = home.resolve("share");
        Files.writeString(share, "a file where the mirror's directory should be");
        Map<String, Object> props = new HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        props.put("opendata.targets.share.kind", "directory");
        props.put("opendata.targets.share.path", share.toString());
        props.put("opendata.outbox.poll-interval", "100ms");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, props); Console console = new Console(app.port())) {
            // the places feed published once, then a dirty source with one new place: 8 of 12 rejected, the new
            // version held
            assertThat(app.run(PLACES).status()).isEqualTo(RunStatus.PUBLISHED);
            runScript(source, "e2e/places-dirty-rows.sql");
            Fixtures.execute(source, "sa", "", "INSERT INTO places.place VALUES (12, 'Музей деревянного зодчества', "
                    + "'музей', '+7 3822 000012', '25', 56.489000, 84.958000)");
            clock.set("2026-03-21T02:00:00Z");
            FeedRun held = app.run(PLACES);
            assertThat(held.status()).isEqualTo(RunStatus.HELD);
            List<String> pages = new ArrayList<>();

            // sign in through the form; the overview lists both feeds with their state, spelled out
            HtmlPage overview = console.logIn(TestUsers.OPERATOR);
            pages.add(overview.getWebResponse().getContentAsString());
            assertThat(text(overview, "current-user")).contains("operator").contains("оператор");
            assertThat(text(overview, "total-feeds")).isEqualTo("2");
            assertThat(text(overview, "total-held")).isEqualTo("1");
            assertThat(overview.querySelectorAll("#feeds tbody tr")).hasSize(2);
            HtmlPage finalOverview = overview;
            String placesRow = row(finalOverview, PLACES);
            assertThat(placesRow).contains("Учреждения культуры").contains("! версия задержана")
                    .contains("21.03.2026 09:00") // the run's start, in Asia/Tomsk (UTC+7)
                    .contains("25.06.2026");     // the next quarterly deadline
            // never run, and its first deadline (25 March) is within the warning days: marked in words, not colour only
            assertThat(row(overview, FIXTURE)).contains("не было").contains("! под угрозой срыва срока")
                    .contains("! скоро срок").contains("25.03.2026");
            assertThat(text(overview, "total-at-risk")).isEqualTo("1");

            // the filter is a plain GET form: by text, and by condition
            HtmlForm filter = overview.getFirstByXPath("//form[@role='search']");
            filter.<HtmlInput>getInputByName("q").type("культур");
            HtmlPage filtered = click(filter.getFirstByXPath(".//button"));
            assertThat(filtered.getUrl().getQuery()).contains("q=");
            assertThat(texts(filtered, "#feeds tbody tr td.id")).containsExactly(PLACES);
            assertThat(text(filtered, "total-feeds")).as("totals ignore the filter").isEqualTo("2");
            HtmlForm byCondition = filtered.getFirstByXPath("//form[@role='search']");
            byCondition.<HtmlInput>getInputByName("q").setValue("");
            byCondition.<HtmlSelect>getSelectByName("condition").setSelectedAttribute("HELD", true);
            HtmlPage heldOnly = click(byCondition.getFirstByXPath(".//button"));
            assertThat(texts(heldOnly, "#feeds tbody tr td.id")).containsExactly(PLACES);
            byCondition = heldOnly.getFirstByXPath("//form[@role='search']");
            byCondition.<HtmlSelect>getSelectByName("condition").setSelectedAttribute("OVERDUE", true);
            assertThat(click(byCondition.getFirstByXPath(".//button")).getElementById("feeds-empty")).isNotNull();

            // the fixture feed: run it now, follow the redirect, see the run arrive in its history
            HtmlPage fixture = overview.getAnchorByText(FIXTURE).click();
            assertThat(fixture.getUrl().getPath()).isEqualTo("/admin/feeds/" + FIXTURE);
            assertThat(text(fixture, "runs-empty")).isEqualTo("Запусков ещё не было.");
            HtmlPage afterRun = click(fixture.getElementById("run-now"));
            assertThat(afterRun.getUrl().getPath()).isEqualTo("/admin/feeds/" + FIXTURE);
            assertThat(text(afterRun, "flash")).startsWith("Запуск начат.");
            HtmlPage withRun = await().atMost(Duration.ofSeconds(60)).until(
                    () -> console.open("/admin/feeds/" + FIXTURE),
                    // the run is logged PUBLISHED a moment before its exchange (and the feed's RUNNING) ends
                    page -> page.querySelectorAll("#runs tbody tr[data-status='PUBLISHED']").size() == 1
                            && !text(page, "condition").contains("выполняется"));
            assertThat(withRun.getElementById("flash")).as("the message is shown once").isNull();
            assertThat(texts(withRun, "#runs tbody tr").get(0)).contains("опубликована версия").contains("20260321T0900")
                    .contains("21.03.2026 09:00");
            assertThat(text(withRun, "condition")).isEqualTo("✓ в порядке");
            assertThat(texts(withRun, "#versions tbody tr td.id")).contains("20260321T0900");
            assertThat(withRun.getElementById("rows-chart")).isNotNull();
            assertThat(withRun.querySelectorAll("#rows-chart circle.published")).hasSize(1);
            // the fixture's padded name was trimmed: the run record says so
            assertThat(texts(withRun, "#cleanup tbody td")).containsExactly("name", "убраны пробелы по краям", "1");
            assertThat(texts(withRun, "#runs tbody tr .cleanup"))
                    .containsExactly("Очистка значений: name — убраны пробелы по краям: 1.");
            assertThat(output).contains("run now by operator on feed " + FIXTURE + ": started (console)");
            pages.add(withRun.getWebResponse().getContentAsString());

            // its delivery to the broken share failed once and waits; fixed, a retry delivers it
            HtmlPage deliveries = await().atMost(Duration.ofSeconds(30)).until(() -> console.open("/admin/feeds/" + FIXTURE),
                    page -> !texts(page, "#deliveries tbody tr[data-target='share'] td.message").isEmpty()
                            && !texts(page, "#deliveries tbody tr[data-target='share'] td.message").get(0).equals("—"));
            assertThat(texts(deliveries, "#deliveries tbody tr[data-target='share']").get(0))
                    .contains("ожидает отправки").contains("is not a directory");
            Files.delete(share);
            HtmlPage retried = click(deliveries.getFirstByXPath("//tr[@data-target='share']//button"));
            assertThat(text(retried, "flash")).contains("запущена повторно");
            await().atMost(Duration.ofSeconds(30)).until(() -> console.open("/admin/feeds/" + FIXTURE),
                    page -> texts(page, "#deliveries tbody tr[data-target='share']").get(0).contains("доставлено"));
            assertThat(Files.isRegularFile(share.resolve(FIXTURE).resolve("meta.csv"))).isTrue();

            // dry run: the first rows as they would be published, nothing recorded
            int runs = app.runs(FIXTURE).size();
            HtmlPage feedPage = console.open("/admin/feeds/" + FIXTURE);
            feedPage.<HtmlInput>getHtmlElementById("dry-run-rows").setValue("2");
            HtmlPage dry = click(feedPage.getElementById("dry-run"));
            assertThat(dry.getUrl().getPath()).isEqualTo("/admin/feeds/" + FIXTURE + "/dry-run");
            assertThat(text(dry, "rows-read")).isEqualTo("4");
            assertThat(text(dry, "rows-rejected")).isEqualTo("0");
            assertThat(text(dry, "outcome")).startsWith("ничего не изменил бы");
            assertThat(text(dry, "compared-with")).isEqualTo("20260321T0900");
            assertThat(texts(dry, "#first-rows thead th").get(0)).isEqualTo("id");
            assertThat(dry.querySelectorAll("#first-rows tbody tr")).hasSize(2);
            assertThat(texts(dry, "#first-rows tbody tr td:first-child")).containsExactly("1", "2");
            // what the clean-up would change, with an example: the trimmed spaces show inside the quotes
            assertThat(texts(dry, "#cleanup tbody td")).containsExactly("name", "убраны пробелы по краям", "1");
            assertThat(dry.querySelector("#cleanup-examples tbody tr[data-field='name'][data-kind='EDGES'] code.before")
                    .getTextContent()).isEqualTo("«  Лицей «Эврика»  »");
            assertThat(texts(dry, "#cleanup-examples tbody tr td code.after")).containsExactly("«Лицей «Эврика»»");
            assertThat(app.runs(FIXTURE)).hasSize(runs);
            pages.add(dry.getWebResponse().getContentAsString());
            assertThat(console.open("/admin/feeds/" + FIXTURE + "/dry-run").getElementById("dry-run-gone"))
                    .as("a reload does not show an old result as current").isNotNull();

            // the held places version: its rejects, then approved through the button
            HtmlPage places = console.open("/admin/feeds/" + PLACES);
            assertThat(text(places, "condition")).isEqualTo("! версия задержана");
            assertThat(text(places, "reason-detail")).contains("of the records were rejected (8 of 12)");
            assertThat(text(places, "quarantine-summary")).contains("№ " + held.id()).contains("отклонено записей — 8");
            assertThat(places.querySelectorAll("#quarantine tbody tr")).hasSize(8);
            assertThat(texts(places, "#quarantine tbody tr").get(0)).contains("2").contains("id=2").contains("visitors")
                    .contains("12a").contains("Значение не читается как целое число. Подробности: field visitors, value "
                            + "'12a': not a valid integer");
            assertThat(places.querySelectorAll("#rows-chart circle.rejected")).hasSize(2);
            pages.add(places.getWebResponse().getContentAsString());
            HtmlPage approved = click(places.getFirstByXPath("//tr[@data-held='" + held.heldId() + "']//button[contains(@class,'approve')]"));
            assertThat(text(approved, "flash")).isEqualTo("Версия утверждена и опубликована как 20260321T0900.");
            assertThat(approved.getElementById("held")).isNull();
            assertThat(texts(approved, "#versions tbody tr td:first-child")).containsExactly("20260321T0900", "20260320T0900");
            assertThat(app.bean(GateRepository.class).held(held.heldId())).get()
                    .extracting(HeldVersion::status, HeldVersion::decidedBy)
                    .containsExactly(HeldVersion.Status.APPROVED, "operator");
            // approving again (a second tab) says it is decided, and changes nothing
            HtmlPage again = (HtmlPage) console.post(approved, "/admin/held/" + held.heldId() + "/approve");
            assertThat(text(again, "flash")).startsWith("Решение по этой версии уже принято: утверждена (operator, ");
            assertThat(text(console.open("/admin/feeds/" + PLACES), "condition")).isEqualTo("✓ в порядке");

            // an unknown feed: a Russian 404 page inside the console
            HtmlPage missing = console.open("/admin/feeds/7017069388-nosuch");
            assertThat(missing.getWebResponse().getStatusCode()).isEqualTo(404);
            assertThat(text(missing, "not-found")).contains("7017069388-nosuch");
            pages.add(missing.getWebResponse().getContentAsString());
            pages.add(console.open("/admin/").getWebResponse().getContentAsString());

            for (String html : pages) {
                assertSelfContained(html);
            }
        }
    }

    @Test
    void aViewerReadsButCannotActAndAnAdminCan() throws Exception {
        Fixtures.installFixtureFeed(home);
        Fixtures.installFeed(home, "broken-type.yaml", BROKEN + ".yaml");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
             Console viewer = new Console(app.port()); Console admin = new Console(app.port())) {
            app.run(FIXTURE);
            // published on 20 March, due again by 25 June; it is now 27 June in Tomsk
            clock.set("2026-06-27T02:00:00Z");
            HtmlPage overview = viewer.logIn(TestUsers.VIEWER);
            assertThat(text(overview, "current-role")).isEqualTo("наблюдатель");
            assertThat(overview.querySelector("#feeds tr[data-identifier='" + FIXTURE + "']").getAttributes()
                    .getNamedItem("class").getNodeValue()).contains("overdue");
            assertThat(row(overview, FIXTURE)).contains("✗ просрочен").contains("25.06.2026").contains("-2");
            assertThat(text(overview, "total-overdue")).isEqualTo("1");
            HtmlPage page = overview.getAnchorByText(FIXTURE).click();
            assertThat(page.querySelectorAll("#runs tbody tr")).hasSize(1);
            assertThat(text(page, "reason")).isEqualTo("Срок обновления истёк 25.06.2026: данные не обновлялись.");
            assertThat(page.getElementById("actions")).isNull();
            assertThat(page.getElementById("run-now")).isNull();
            assertThat(page.getElementById("dry-run")).isNull();
            assertThat(page.querySelectorAll("button.retry, button.approve")).isEmpty();

            // with a valid session and CSRF token, the server still refuses a viewer's action
            int runs = app.runs(FIXTURE).size();
            assertThat(viewer.postStatus(page, "/admin/feeds/" + FIXTURE + "/run")).isEqualTo(403);
            assertThat(viewer.postStatus(page, "/admin/feeds/" + FIXTURE + "/dry-run")).isEqualTo(403);
            assertThat(app.runs(FIXTURE)).hasSize(runs);

            // a broken feed file: listed with its located error, and nothing to run
            assertThat(row(overview, BROKEN)).contains("✗ ошибка в описании");
            assertThat(overview.querySelector("#feeds tr[data-identifier='" + BROKEN + "']").getAttributes()
                    .getNamedItem("class").getNodeValue()).contains("attention");

            // the role hierarchy: an administrator has the operator's buttons
            HtmlPage adminPage = admin.logIn(TestUsers.ADMIN).getAnchorByText(FIXTURE).click();
            assertThat(text(adminPage, "current-role")).isEqualTo("администратор");
            assertThat(adminPage.getElementById("run-now")).isNotNull();
            HtmlPage broken = admin.open("/admin/feeds/" + BROKEN);
            assertThat(text(broken, "condition")).isEqualTo("✗ ошибка в описании");
            assertThat(text(broken, "reason-detail")).contains(BROKEN + ".yaml:").doesNotContain(home.toString());
            assertThat(broken.getElementById("run-now")).isNull();
            HtmlPage refused = (HtmlPage) admin.post(broken, "/admin/feeds/" + BROKEN + "/run");
            assertThat(text(refused, "flash")).startsWith("Набор нельзя запустить: файл его описания содержит ошибки.");
            assertThat(app.runs(BROKEN).stream().filter(r -> r.status() == RunStatus.RUNNING)).isEmpty();

            // signing out ends the session: the console asks to sign in again
            HtmlPage out = click(overview.getElementById("logout"));
            assertThat(out.getUrl().getPath()).isEqualTo("/admin/login");
            assertThat(viewer.open("/admin/feeds/" + FIXTURE).getUrl().getPath()).isEqualTo("/admin/login");
        }
    }

    /** The text of the overview's row of a feed. */
    private static String row(HtmlPage overview, String feedId) {
        return overview.querySelector("#feeds tr[data-identifier='" + feedId + "']").asNormalizedText();
    }

    /** No script at all, and nothing (style, image, link, form) pointing to another site: the console works offline. */
    static void assertSelfContained(String html) {
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script")).as("scripts").isEmpty();
        assertThat(doc.select("html").attr("lang")).isEqualTo("ru");
        for (Element e : doc.getAllElements()) {
            for (String attribute : List.of("src", "href", "action", "formaction", "data", "poster", "xlink:href")) {
                String value = e.attr(attribute).strip().toLowerCase();
                assertThat(value).as(e.tagName() + " " + attribute).doesNotStartWith("http:").doesNotStartWith("https:")
                        .doesNotStartWith("//");
            }
            assertThat(e.attr("style")).as("inline style").doesNotContain("url(");
        }
        assertThat(doc.select("style").html()).doesNotContain("url(").doesNotContain("@import");
    }

    private static void runScript(String url, String resource) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource(resource));
        }
    }
}
