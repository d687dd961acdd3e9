package ru.gov.tomsk.opendata.ops.security;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ru.gov.tomsk.opendata.ops.console.Console.click;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.htmlunit.BrowserVersion;
import org.htmlunit.DefaultCredentialsProvider;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.util.NameValuePair;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Attribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import ru.gov.tomsk.opendata.ops.Role;
import ru.gov.tomsk.opendata.ops.console.Console;
import ru.gov.tomsk.opendata.ops.token.ApiToken;
import ru.gov.tomsk.opendata.ops.token.ApiTokens;
import ru.gov.tomsk.opendata.publish.Delivery;
import ru.gov.tomsk.opendata.publish.Outbox;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * The admin API against forged requests from other sites, personal API tokens from their creation in the console to
 * their expiry and revocation, and the security headers of every surface; all over real HTTP against the started
 * service, with a real browser engine (HtmlUnit) for the attacker's page and the console.
 */
@ExtendWith(OutputCaptureExtension.class)
class CrossSiteAndTokensEndToEndTest {

    static final String FIXTURE = Fixtures.FEED;
    static final String PLACES = "7017069388-places";
    static final String TOKEN_SHAPE = "odb_[A-Za-z0-9_-]{43}";

    static final String PAGES_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    /** The open-data section also runs this site's scripts: Leaflet and the passport page's map. */
    static final String SECTION_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String DATA_CSP = "default-src 'none'; frame-ancestors 'none'";
    static final String PERMISSIONS = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
            + "microphone=(), payment=(), usb=()";

    @TempDir
    static Path home;
    static String source;
    static TestApp app;
    static MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
    static WireMockServer otherSite;
    static HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        source = Fixtures.h2Source();
        runScript(source, "e2e/places.sql");
        Fixtures.installFixtureFeed(home);
        Fixtures.installFeed(home, PLACES + ".yaml", PLACES + ".yaml");
        // a portal share that is a file: every delivery to it fails and waits for a retry
        Files.writeString(home.resolve("share"), "a file where the mirror's directory should be");
        Map<String, Object> props = new HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        props.put("opendata.targets.share.kind", "directory");
        props.put("opendata.targets.share.path", home.resolve("share").toString());
        props.put("opendata.outbox.poll-interval", "100ms");
        app = TestApp.start(home, clock, props);
        assertThat(app.run(FIXTURE).status()).isEqualTo(RunStatus.PUBLISHED);
        otherSite = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        otherSite.start();
    }

    @AfterAll
    static void stop() {
        if (otherSite != null) {
            otherSite.stop();
        }
        app.close();
    }

    @Test
    void formsAndForeignOriginsFromOtherSitesAreRefusedWhileTokensAndTheConsoleAct(CapturedOutput output) throws Exception {
        // a held version of the places feed: published once, then a dirty source with one new place
        assertThat(app.run(PLACES).status()).isEqualTo(RunStatus.PUBLISHED);
        runScript(source, "e2e/places-dirty-rows.sql");
        Fixtures.execute(source, "sa", "", "INSERT INTO places.place VALUES (12, 'Музей деревянного зодчества', "
                + "'музей', '+7 3822 000012', '25', 56.489000, 84.958000)");
        clock.set(clock.instant().plus(Duration.ofDays(1)));
        FeedRun held = app.run(PLACES);
        assertThat(held.status()).isEqualTo(RunStatus.HELD);
        long heldId = held.heldId();
        // a delivery of the fixture feed that failed once and waits
        Delivery waiting = await().atMost(Duration.ofSeconds(30)).until(() -> app.bean(Outbox.class).deliveries(FIXTURE)
                .stream().filter(d -> d.target().equals("share") && d.attempts() >= 1).findFirst().orElse(null),
                d -> d != null);
        String run = "/api/admin/feeds/" + FIXTURE + "/run";
        String approve = "/api/admin/held/" + heldId + "/approve";
        String retry = "/api/admin/deliveries/" + waiting.id() + "/retry";
        int fixtureRuns = app.runs(FIXTURE).size();

        // an operator's browser that remembers Basic credentials, as after opening the API once...
        try (WebClient browser = new WebClient(BrowserVersion.CHROME)) {
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            browser.getOptions().setThrowExceptionOnScriptError(false);
            browser.getOptions().setCssEnabled(false);
            DefaultCredentialsProvider remembered = new DefaultCredentialsProvider();
            remembered.addCredentials(TestUsers.OPERATOR, TestUsers.password(TestUsers.OPERATOR).toCharArray(),
                    "localhost", app.port(), "opendata-bridge");
            browser.setCredentialsProvider(remembered);
            Page feeds = browser.getPage(url("/api/admin/feeds"));
            assertThat(feeds.getWebResponse().getStatusCode()).as("the browser is signed in to the API").isEqualTo(200);

            // ...then visits another site whose page submits a form to the API by itself. (HtmlUnit claims
            // Sec-Fetch-Site: same-origin for everything; its Origin is right, and that is what stops it here.)
            String attacker = "http://127.0.0.1:" + otherSite.port();
            for (String action : List.of(run, approve, retry)) {
                String page = "/forged-" + Math.abs(action.hashCode()) + ".html";
                otherSite.stubFor(get(page).willReturn(ok().withHeader("Content-Type", "text/html; charset=UTF-8")
                        .withBody("<!DOCTYPE html><html><body onload=\"document.forms[0].submit()\">"
                                + "<form method=\"post\" action=\"" + url(action) + "\"><input name=\"x\" value=\"1\">"
                                + "</form></body></html>")));
                browser.getPage(attacker + page);
                Page landed = await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentWindow().getEnclosedPage(),
                        p -> p.getUrl().getPath().equals(action));
                assertThat(landed.getWebResponse().getStatusCode()).as(action).isEqualTo(403);
                assertThat(landed.getWebResponse().getContentAsString()).as(action)
                        .contains("cross-site request refused (Origin '" + attacker + "')");
            }
        }
        // raw requests with the operator's credentials: a foreign Origin, the browser's own verdict, a form's body
        String basic = TestUsers.basic(TestUsers.OPERATOR);
        assertRefused(post(approve, basic, Map.of("Origin", "https://evil.example")), 403, "Origin 'https://evil.example'");
        assertRefused(post(run, basic, Map.of("Origin", "null")), 403, "Origin 'null'");
        assertRefused(post(run, basic, Map.of("Sec-Fetch-Site", "cross-site")), 403, "Sec-Fetch-Site 'cross-site'");
        assertRefused(post(retry, basic, Map.of("Sec-Fetch-Site", "same-site")), 403, "Sec-Fetch-Site 'same-site'");
        // an old browser that sends neither header still can only send a form's types
        for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain;charset=UTF-8")) {
            assertRefused(post(approve, basic, Map.of("Content-Type", type)), 415, "is what HTML forms send");
        }
        // nothing happened: no run, the version still held, no action in the audit log
        assertThat(app.runs(FIXTURE)).hasSize(fixtureRuns);
        assertThat(app.bean(GateRepository.class).held(heldId)).get().extracting(HeldVersion::status)
                .isEqualTo(HeldVersion.Status.HELD);
        assertThat(output).doesNotContain("run now by operator").doesNotContain("approve by operator")
                .doesNotContain("retry by operator");

        // the service's own pages, by its internal or its public origin, are not other sites; nor is a script
        String own = "http://localhost:" + app.port();
        assertThat(post("/api/admin/feeds/" + FIXTURE + "/dry-run?rows=1", basic,
                Map.of("Origin", own, "Sec-Fetch-Site", "same-origin")).statusCode()).isEqualTo(200);
        assertThat(post("/api/admin/feeds/" + FIXTURE + "/dry-run?rows=1", basic,
                Map.of("Origin", "https://opendata.example.ru")).statusCode()).isEqualTo(200);
        // validating a feed file changes nothing and keeps its text/plain body
        assertThat(post("/api/admin/feeds/validate", basic, Map.of("Content-Type", "text/plain")).statusCode()).isEqualTo(200);

        // with a token, each call goes through
        String token = "Bearer " + app.bean(ApiTokens.class).issue(TestUsers.OPERATOR, Role.OPERATOR, "ci", Role.OPERATOR,
                Duration.ofDays(30)).secret();
        HttpResponse<String> started = post(run, token, Map.of());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(app.awaitRun(FIXTURE, fixtureRuns).status()).isIn(RunStatus.PUBLISHED, RunStatus.UNCHANGED);
        HttpResponse<String> approved = post(approve, token, Map.of());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(app.bean(GateRepository.class).held(heldId)).get()
                .extracting(HeldVersion::status, HeldVersion::decidedBy)
                .containsExactly(HeldVersion.Status.APPROVED, TestUsers.OPERATOR);
        HttpResponse<String> retried = post(retry, token, Map.of());
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(output).containsPattern("run now by operator \\(API token \\d+ 'ci'\\) on feed " + FIXTURE + ": started")
                .containsPattern("approve by operator \\(API token \\d+ 'ci'\\) on held version " + heldId)
                .containsPattern("retry by operator \\(API token \\d+ 'ci'\\) on delivery " + waiting.id());

        // and from the console, with its CSRF token: run, retry, approve a second held version
        Fixtures.execute(source, "sa", "", "INSERT INTO places.place VALUES (13, 'Музей истории Томска', "
                + "'музей', '+7 3822 000013', '30', 56.490000, 84.959000)");
        clock.set(clock.instant().plus(Duration.ofDays(1)));
        FeedRun heldAgain = app.run(PLACES);
        assertThat(heldAgain.status()).isEqualTo(RunStatus.HELD);
        try (WebClient console = consoleBrowser()) {
            logIn(console, TestUsers.OPERATOR);
            int before = app.runs(FIXTURE).size();
            HtmlPage feed = console.getPage(url("/admin/feeds/" + FIXTURE));
            HtmlPage afterRun = click(feed.getElementById("run-now"));
            assertThat(afterRun.getElementById("flash").asNormalizedText()).startsWith("Запуск начат.");
            app.awaitRun(FIXTURE, before);
            HtmlPage deliveries = console.getPage(url("/admin/feeds/" + FIXTURE));
            HtmlPage afterRetry = click(deliveries.getFirstByXPath("//tr[@data-target='share']//button"));
            assertThat(afterRetry.getElementById("flash").asNormalizedText()).contains("запущена повторно");
            HtmlPage places = console.getPage(url("/admin/feeds/" + PLACES));
            HtmlPage afterApprove = click(places.getFirstByXPath("//tr[@data-held='" + heldAgain.heldId()
                    + "']//button[contains(@class,'approve')]"));
            assertThat(afterApprove.getElementById("flash").asNormalizedText()).startsWith("Версия утверждена");
        }
        assertThat(output).contains("run now by operator on feed " + FIXTURE + ": started (console)")
                .contains("approve by operator on held version " + heldAgain.heldId());
    }

    @Test
    void anAdminCreatesATokenInTheConsoleWhichWorksUntilItExpiresOrIsRevoked(CapturedOutput output) throws Exception {
        ApiTokens tokens = app.bean(ApiTokens.class);
        try (WebClient admin = consoleBrowser()) {
            HtmlPage overview = logIn(admin, TestUsers.ADMIN);
            HtmlPage page = ((org.htmlunit.html.HtmlAnchor) overview.getElementById("nav-tokens")).click();
            assertThat(page.getUrl().getPath()).isEqualTo("/admin/tokens");
            HtmlPage created = create(page, "ночной запуск", "OPERATOR", "1");
            assertThat(created.getElementById("flash").asNormalizedText()).startsWith("Токен «ночной запуск» создан.");
            String secret = created.getElementById("issued-token").asNormalizedText();
            assertThat(secret).matches(TOKEN_SHAPE);
            long id = idOf("ночной запуск");
            // shown once: the next view of the page has no trace of it
            HtmlPage again = admin.getPage(url("/admin/tokens"));
            assertThat(again.getElementById("issued-token")).isNull();
            assertThat(again.getWebResponse().getContentAsString()).doesNotContain(secret);
            assertThat(row(again, id)).contains("ночной запуск").contains("admin").contains("OPERATOR")
                    .contains("не использовался").contains("действует");
            // the state database has its SHA-256 only
            assertThat(storedColumns(id)).contains(sha256(secret)).doesNotContain(secret);
            assertThat(output).containsPattern("create token by admin on API token " + id
                    + " 'ночной запуск': role OPERATOR, expires 2026-\\S+ \\(console\\)");

            // it works as a Bearer token, acting as its owner; the use is recorded to the minute
            assertThat(send("GET", "/api/admin/feeds", "Bearer " + secret).statusCode()).isEqualTo(200);
            Instant firstUse = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            assertThat(tokens.byId(id)).get().extracting(ApiToken::lastUsedAt).isEqualTo(firstUse);
            HttpResponse<String> dryRun = post("/api/admin/feeds/" + FIXTURE + "/dry-run?rows=1", "Bearer " + secret, Map.of());
            assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
            assertThat(output).containsPattern("dry run by admin \\(API token " + id + " 'ночной запуск'\\) on feed " + FIXTURE);
            assertThat(row(admin.getPage(url("/admin/tokens")), id)).doesNotContain("не использовался");
            // not written on every request: within a minute of the last write nothing changes
            clock.set(clock.instant().plusSeconds(30));
            assertThat(send("GET", "/api/admin/feeds", "Bearer " + secret).statusCode()).isEqualTo(200);
            assertThat(tokens.byId(id)).get().extracting(ApiToken::lastUsedAt).isEqualTo(firstUse);
            clock.set(clock.instant().plusSeconds(31));
            assertThat(send("GET", "/api/admin/feeds", "Bearer " + secret).statusCode()).isEqualTo(200);
            assertThat(tokens.byId(id)).get().extracting(ApiToken::lastUsedAt)
                    .isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS));

            // a day later it has expired
            clock.set(clock.instant().plus(Duration.ofDays(1)));
            HttpResponse<String> expired = send("GET", "/api/admin/feeds", "Bearer " + secret);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(expired.body()).contains("API token 'ночной запуск' expired on ");
            assertThat(row(admin.getPage(url("/admin/tokens")), id)).contains("истёк");

            // a VIEWER token reads but does not act; revoked, it does nothing at all
            HtmlPage second = create(admin.getPage(url("/admin/tokens")), "мониторинг", "VIEWER", "30");
            String viewerToken = "Bearer " + second.getElementById("issued-token").asNormalizedText();
            long viewerId = idOf("мониторинг");
            assertThat(send("GET", "/actuator/health/feeds", viewerToken).statusCode()).isIn(200, 503);
            assertThat(post("/api/admin/feeds/" + FIXTURE + "/run", viewerToken, Map.of()).statusCode()).isEqualTo(403);
            HtmlPage revoked = click(second.getFirstByXPath("//tr[@data-token='" + viewerId + "']//button[contains(@class,'revoke')]"));
            assertThat(revoked.getElementById("flash").asNormalizedText()).isEqualTo("Токен «мониторинг» отозван: запросы с ним "
                    + "больше не принимаются.");
            assertThat(row(revoked, viewerId)).contains("отозван (admin, ");
            HttpResponse<String> refused = send("GET", "/api/admin/feeds", viewerToken);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("API token 'мониторинг' was revoked on ");
            assertThat(output).contains("revoke token by admin on API token " + viewerId + " 'мониторинг': revoked (console)");

            // what the server refuses (past the browser's own checks of the form), it says so and creates nothing
            int count = tokens.all().size();
            HtmlPage form = admin.getPage(url("/admin/tokens"));
            String csrf = form.<HtmlInput>getFirstByXPath("//form[@id='create-token']/input[@name='_csrf']").getValue();
            WebRequest tooLongRequest = new WebRequest(new java.net.URL(url("/admin/tokens")), HttpMethod.POST);
            tooLongRequest.setCharset(StandardCharsets.UTF_8);
            tooLongRequest.setRequestParameters(List.of(new NameValuePair("_csrf", csrf), new NameValuePair("name", "навсегда"),
                    new NameValuePair("role", "OPERATOR"), new NameValuePair("days", "366")));
            HtmlPage tooLong = admin.getPage(tooLongRequest);
            assertThat(tooLong.getElementById("flash").asNormalizedText())
                    .isEqualTo("Токен не создан. Срок действия — целое число дней от 1 до 365.");
            assertThat(tooLong.getElementById("issued-token")).isNull();
            assertThat(tokens.all()).hasSize(count);
        }

        // a token never acts above what its owner's account has now, and dies with the account
        String demoted = tokens.issue(TestUsers.VIEWER, Role.ADMIN, "from when viewer was an admin", Role.OPERATOR,
                Duration.ofDays(1)).secret();
        assertThat(send("GET", "/api/admin/feeds", "Bearer " + demoted).statusCode()).isEqualTo(200);
        assertThat(post("/api/admin/feeds/" + FIXTURE + "/dry-run?rows=1", "Bearer " + demoted, Map.of()).statusCode())
                .isEqualTo(403);
        String orphan = tokens.issue("departed", Role.ADMIN, "of a removed account", Role.VIEWER, Duration.ofDays(1)).secret();
        HttpResponse<String> gone = send("GET", "/api/admin/feeds", "Bearer " + orphan);
        assertThat(gone.statusCode()).isEqualTo(401);
        assertThat(gone.body()).contains("belongs to 'departed', who no longer has an account");
        // a made-up token is refused without a lookup that could tell anything
        HttpResponse<String> madeUp = send("GET", "/api/admin/feeds", "Bearer odb_" + "A".repeat(43));
        assertThat(madeUp.statusCode()).isEqualTo(401);
        assertThat(madeUp.body()).contains("is not an API token of this service");
    }

    @Test
    void onlyAnAdminSeesAndCreatesTokens() throws Exception {
        int count = app.bean(ApiTokens.class).all().size();
        for (String user : List.of(TestUsers.VIEWER, TestUsers.OPERATOR)) {
            try (WebClient browser = consoleBrowser()) {
                HtmlPage overview = logIn(browser, user);
                assertThat(overview.getElementById("nav-tokens")).as(user).isNull();
                assertThat(browser.getPage(url("/admin/tokens")).getWebResponse().getStatusCode()).as(user).isEqualTo(403);
                // a hand-made POST with the session's valid CSRF token
                String csrf = overview.<HtmlInput>getFirstByXPath("//form[@action='/admin/logout']/input[@name='_csrf']").getValue();
                WebRequest forged = new WebRequest(new java.net.URL(url("/admin/tokens")), HttpMethod.POST);
                forged.setRequestParameters(List.of(new NameValuePair("_csrf", csrf), new NameValuePair("name", "mine"),
                        new NameValuePair("role", "VIEWER"), new NameValuePair("days", "1")));
                assertThat(browser.getPage(forged).getWebResponse().getStatusCode()).as(user).isEqualTo(403);
            }
        }
        assertThat(app.bean(ApiTokens.class).all()).hasSize(count);
    }

    @Test
    void everySurfaceSendsItsSecurityHeaders() throws Exception {
        String dataFile = "/opendata/" + FIXTURE + "/meta.csv";
        for (String path : List.of("/opendata/", "/opendata/" + FIXTURE + "/", dataFile, "/opendata/list.csv")) {
            HttpResponse<String> response = send("GET", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertHeaders(response, SECTION_CSP, "strict-origin-when-cross-origin");
        }
        // a data file is never sniffed into something else; a browser would not run a page's script either
        assertThat(send("GET", dataFile, null).headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/csv"));
        // the pages' styles are files on the same site
        HttpResponse<String> css = send("GET", "/opendata/assets/opendata.css", null);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(css.body()).contains(".table-wrap");
        assertThat(send("GET", "/admin/assets/login.css", null).statusCode()).isEqualTo(200);

        // the console: its pages, and the session cookie it sets
        HttpResponse<String> login = send("GET", "/admin/login", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertHeaders(login, PAGES_CSP, "no-referrer");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=")
                .containsIgnoringCase("; HttpOnly").containsIgnoringCase("; Secure").containsIgnoringCase("; SameSite=Lax"));
        try (WebClient console = consoleBrowser()) {
            HtmlPage overview = logIn(console, TestUsers.ADMIN);
            List<String> pages = List.of("/admin/", "/admin/feeds/" + FIXTURE, "/admin/tokens");
            for (String path : pages) {
                Page page = console.getPage(url(path));
                assertThat(page.getWebResponse().getStatusCode()).as(path).isEqualTo(200);
                assertThat(page.getWebResponse().getResponseHeaderValue("Content-Security-Policy")).as(path).isEqualTo(PAGES_CSP);
                assertThat(page.getWebResponse().getResponseHeaderValue("Referrer-Policy")).as(path).isEqualTo("no-referrer");
                assertNothingInline(path, page.getWebResponse().getContentAsString());
            }
            assertThat(overview).isNotNull();
        }
        for (String path : List.of("/opendata/", "/opendata/" + FIXTURE + "/", "/admin/login")) {
            assertNothingInline(path, send("GET", path, null).body());
        }
        // the API's JSON: nothing to load or run, no referrer
        HttpResponse<String> api = send("GET", "/api/admin/feeds", TestUsers.basic(TestUsers.VIEWER));
        assertThat(api.statusCode()).isEqualTo(200);
        assertHeaders(api, DATA_CSP, "no-referrer");
    }

    static void assertHeaders(HttpResponse<String> response, String csp, String referrer) {
        String what = response.uri().getPath();
        assertThat(response.headers().firstValue("Content-Security-Policy")).as(what).hasValue(csp);
        assertThat(response.headers().firstValue("Referrer-Policy")).as(what).hasValue(referrer);
        assertThat(response.headers().firstValue("Permissions-Policy")).as(what).hasValue(PERMISSIONS);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
        // opendata.base-url is https in every TestApp
        assertThat(response.headers().firstValue("Strict-Transport-Security")).as(what).hasValue("max-age=31536000");
    }

    /** What the strict policy would block: scripts, style elements, style and event attributes. */
    static void assertNothingInline(String what, String html) {
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script, style")).as(what).isEmpty();
        for (Element e : doc.getAllElements()) {
            for (Attribute attribute : e.attributes()) {
                assertThat(attribute.getKey()).as(what + " <" + e.tagName() + ">").isNotEqualTo("style")
                        .doesNotStartWith("on");
            }
        }
    }

    // ---- helpers

    static String url(String path) {
        return "http://localhost:" + app.port() + path;
    }

    static HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST as a script or a forger sends it: a body only when a Content-Type is given. */
    static HttpResponse<String> post(String path, String authorization, Map<String, String> headers) throws Exception {
        String type = headers.get("Content-Type");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(type == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(
                        type.startsWith("text/plain") && path.endsWith("/validate") ? "identifier: x\n" : "a=1"))
                .header("Authorization", authorization);
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertRefused(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(response.body()).contains(detail);
    }

    static WebClient consoleBrowser() {
        WebClient browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        return browser;
    }

    static HtmlPage logIn(WebClient browser, String user) throws Exception {
        return Console.signIn(browser.getPage(url("/admin/login")), user);
    }

    static HtmlPage create(HtmlPage tokensPage, String name, String role, String days) throws Exception {
        HtmlForm form = (HtmlForm) tokensPage.getElementById("create-token");
        form.<HtmlInput>getInputByName("name").type(name);
        form.<HtmlSelect>getSelectByName("role").setSelectedAttribute(role, true);
        form.<HtmlInput>getInputByName("days").setValue(days);
        HtmlPage answer = click(tokensPage.getElementById("create"));
        assertThat(answer.getUrl().getPath()).isEqualTo("/admin/tokens");
        return answer;
    }

    static long idOf(String name) {
        return app.bean(ApiTokens.class).all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().id();
    }

    static String row(HtmlPage tokensPage, long id) {
        return tokensPage.querySelector("#tokens tr[data-token='" + id + "']").asNormalizedText();
    }

    /** Every stored value of the token's row, as text. */
    static List<String> storedColumns(long id) {
        return app.bean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("SELECT * FROM api_token WHERE id = ?")
                .param(id).query().singleRow().values().stream().map(String::valueOf).toList();
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static void runScript(String url, String resource) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource(resource));
        }
    }
}
