package ru.gov.tomsk.opendata.ops.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.Connection;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import ru.gov.tomsk.opendata.ops.Role;
import ru.gov.tomsk.opendata.ops.token.ApiTokens;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * Who may reach what, through the real application over HTTP: the public side stays open, every admin and
 * actuator endpoint needs an account with the right role, the console's forms need their CSRF token, and
 * password guessing is slowed down.
 */
class SecurityEndToEndTest {

    /** Every non-public surface: the admin API, the actuator and the OpenAPI description. */
    static final List<String> PROTECTED = List.of("/api/admin/feeds", "/actuator/prometheus", "/actuator/health",
            "/actuator/health/feeds", "/actuator/info", "/v3/api-docs");

    @TempDir
    static Path home;
    static TestApp app;
    static MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
    static HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** An account of its own for the lock tests, so that locking it never disturbs the other tests. */
    static final String VICTIM = "victim";

    @BeforeAll
    static void start() {
        app = TestApp.start(home, clock, Map.of(
                "opendata.security.users." + VICTIM + ".password-hash", new BCryptPasswordEncoder(4).encode(TestUsers.password(VICTIM)),
                "opendata.security.users." + VICTIM + ".roles", "VIEWER"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .method(method, method.equals("GET") || method.equals("HEAD") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("identifier: x\n"))
                .header("Content-Type", "application/yaml");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyAdminAndActuatorEndpointNeedsAnAccount() throws Exception {
        for (String path : PROTECTED) {
            HttpResponse<String> anonymous = send("GET", path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Basic realm=\"opendata-bridge\"");
            assertThat(send("GET", path, TestUsers.basic(TestUsers.VIEWER, "wrong")).statusCode()).as(path).isEqualTo(401);
            assertThat(send("GET", path, TestUsers.basic(TestUsers.VIEWER)).statusCode()).as(path).isIn(200, 503);
        }
        // endpoints that are not exposed do not tell so to strangers
        assertThat(send("GET", "/actuator/env", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/actuator/env", TestUsers.basic(TestUsers.ADMIN)).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/swagger-ui.html", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/swagger-ui.html", TestUsers.basic(TestUsers.VIEWER)).statusCode()).isIn(200, 302);
        // the console sends people to its login page instead
        HttpResponse<String> console = send("GET", "/admin/", null);
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login"));
        // anything unknown is not public either
        assertThat(send("GET", "/internal", null).statusCode()).isEqualTo(401);
    }

    @Test
    void actionsNeedTheOperatorRoleAndAdminHasEveryRole() throws Exception {
        String run = "/api/admin/feeds/7017069388-fixture/run";
        assertThat(send("POST", run, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", run, TestUsers.basic(TestUsers.VIEWER)).statusCode()).isEqualTo(403);
        // past security, the feed does not exist: the controller's answer, not the filter's
        assertThat(send("POST", run, TestUsers.basic(TestUsers.OPERATOR)).statusCode()).isEqualTo(404);
        assertThat(send("POST", run, TestUsers.basic(TestUsers.ADMIN)).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/admin/deliveries/1/retry", TestUsers.basic(TestUsers.VIEWER)).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/admin/held/1/approve", TestUsers.basic(TestUsers.VIEWER)).statusCode()).isEqualTo(403);
        // validating a posted file changes nothing: a viewer may
        assertThat(send("POST", "/api/admin/feeds/validate", TestUsers.basic(TestUsers.VIEWER)).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/prometheus", TestUsers.basic(TestUsers.ADMIN)).statusCode()).isEqualTo(200);
    }

    @Test
    void thePublicSideAndTheProbesStayOpen() throws Exception {
        assertThat(send("GET", "/opendata/", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        // and read-only: public, so no login is asked for, but nothing takes a POST
        assertThat(send("POST", "/opendata/", null).statusCode()).isEqualTo(405);
    }

    @Test
    void theConsoleFormsNeedTheirCsrfToken() throws Exception {
        String base = "http://localhost:" + app.port();
        Connection.Response page = Jsoup.connect(base + "/admin/login").execute();
        Document form = page.parse();
        String token = form.selectFirst("input[name=_csrf]").val();
        Map<String, String> cookies = new HashMap<>(page.cookies());

        Connection.Response forged = Jsoup.connect(base + "/admin/login").cookies(cookies).method(Connection.Method.POST)
                .data("username", TestUsers.OPERATOR, "password", TestUsers.password(TestUsers.OPERATOR))
                .followRedirects(false).ignoreHttpErrors(true).ignoreContentType(true).execute();
        assertThat(forged.statusCode()).isEqualTo(403);

        Connection.Response login = Jsoup.connect(base + "/admin/login").cookies(cookies).method(Connection.Method.POST)
                .data("username", TestUsers.OPERATOR, "password", TestUsers.password(TestUsers.OPERATOR), "_csrf", token)
                .followRedirects(false).ignoreHttpErrors(true).ignoreContentType(true).execute();
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.header("Location")).endsWith("/admin/");
        cookies.putAll(login.cookies());

        // a forged logout (no token) does nothing; the session still reads the console
        Connection.Response forgedLogout = Jsoup.connect(base + "/admin/logout").cookies(cookies).method(Connection.Method.POST)
                .followRedirects(false).ignoreHttpErrors(true).ignoreContentType(true).execute();
        assertThat(forgedLogout.statusCode()).isEqualTo(403);
        Connection.Response loggedIn = Jsoup.connect(base + "/admin/login").cookies(cookies).execute();
        String sessionToken = loggedIn.parse().selectFirst("input[name=_csrf]").val();
        Connection.Response logout = Jsoup.connect(base + "/admin/logout").cookies(cookies).method(Connection.Method.POST)
                .data("_csrf", sessionToken).followRedirects(false).ignoreHttpErrors(true).ignoreContentType(true).execute();
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.header("Location")).endsWith("/admin/login?logout");
    }

    /** Logs in through the console's form; the session's cookies and the CSRF token of its next form. */
    static Map<String, String> consoleSession(String user) throws Exception {
        String base = "http://localhost:" + app.port();
        Connection.Response page = Jsoup.connect(base + "/admin/login").execute();
        Map<String, String> cookies = new HashMap<>(page.cookies());
        Connection.Response login = Jsoup.connect(base + "/admin/login").cookies(cookies).method(Connection.Method.POST)
                .data("username", user, "password", TestUsers.password(user),
                        "_csrf", page.parse().selectFirst("input[name=_csrf]").val())
                .followRedirects(false).ignoreHttpErrors(true).ignoreContentType(true).execute();
        assertThat(login.header("Location")).as(user + " logs in").endsWith("/admin/");
        cookies.putAll(login.cookies());
        // the token is bound to the session, which changed at login
        cookies.put("_csrf", Jsoup.connect(base + "/admin/login").cookies(cookies).get().selectFirst("input[name=_csrf]").val());
        return cookies;
    }

    @Test
    void inTheConsoleAViewerReadsButOnlyAnOperatorActs() throws Exception {
        String base = "http://localhost:" + app.port();
        String run = base + "/admin/feeds/7017069388-fixture/run";
        for (String user : List.of(TestUsers.VIEWER, TestUsers.OPERATOR)) {
            Map<String, String> session = consoleSession(user);
            String token = session.remove("_csrf");
            Connection.Response action = Jsoup.connect(run).cookies(session).method(Connection.Method.POST).data("_csrf", token)
                    .followRedirects(false).ignoreHttpErrors(true).ignoreContentType(true).execute();
            if (user.equals(TestUsers.VIEWER)) {
                assertThat(action.statusCode()).as(user).isEqualTo(403);
            } else {
                // past security: whatever the console answers, it is neither a refusal nor the login page
                assertThat(action.statusCode()).as(user).isNotIn(401, 403);
                assertThat(action.header("Location")).as(user).satisfiesAnyOf(
                        l -> assertThat(l).isNull(), l -> assertThat(l).doesNotContain("/admin/login"));
            }
        }
        // not logged in (a valid token of an anonymous session): sent to the login page, nothing performed
        Connection.Response page = Jsoup.connect(base + "/admin/login").execute();
        Connection.Response anonymous = Jsoup.connect(run).cookies(page.cookies()).method(Connection.Method.POST)
                .data("_csrf", page.parse().selectFirst("input[name=_csrf]").val())
                .followRedirects(false).ignoreHttpErrors(true).ignoreContentType(true).execute();
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.header("Location")).endsWith("/admin/login");
    }

    @Test
    void theLoginPageSaysWhatWentWrongInRussian() throws Exception {
        String base = "http://localhost:" + app.port();
        Document error = Jsoup.connect(base + "/admin/login?error").get();
        assertThat(error.select("[role=alert]").text()).isEqualTo("Неверное имя пользователя или пароль.");
        assertThat(error.select("html").attr("lang")).isEqualTo("ru");
        assertThat(error.select("label[for=username]").text()).isEqualTo("Имя пользователя");
    }

    /** Moves past any window and lockout an earlier test left, so that each throttle test counts from nothing. */
    static void forgetEarlierFailures() {
        clock.set(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void repeatedFailedLoginsLockTheNameUntilTheLockoutHasPassed() throws Exception {
        forgetEarlierFailures();
        String path = "/api/admin/feeds";
        String user = TestUsers.ADMIN;
        for (int i = 1; i <= 5; i++) {
            assertThat(send("GET", path, TestUsers.basic(user, "guess-" + i)).statusCode()).as("failure " + i).isEqualTo(401);
        }
        // locked: even the right password is refused, without being checked
        HttpResponse<String> locked = send("GET", path, TestUsers.basic(user));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValue("900");
        assertThat(locked.body()).contains("too many failed logins");
        // the address is not locked by one name's failures: a colleague behind the same proxy still gets in
        assertThat(send("GET", path, TestUsers.basic(TestUsers.OPERATOR)).statusCode()).isEqualTo(200);
        // the console's form for the same name is refused too
        String base = "http://localhost:" + app.port();
        Connection.Response page = Jsoup.connect(base + "/admin/login").execute();
        Connection.Response form = Jsoup.connect(base + "/admin/login").cookies(page.cookies()).method(Connection.Method.POST)
                .data("username", user, "password", TestUsers.password(user),
                        "_csrf", page.parse().selectFirst("input[name=_csrf]").val())
                .followRedirects(false).ignoreHttpErrors(true).ignoreContentType(true).execute();
        assertThat(form.header("Location")).endsWith("/admin/login?locked");

        clock.set(clock.instant().plus(Duration.ofMinutes(15)).plusSeconds(1));
        assertThat(send("GET", path, TestUsers.basic(user)).statusCode()).isEqualTo(200);
    }

    @Test
    void theActuatorIsThrottledTooAndOnlyFailuresWithinTheWindowCount() throws Exception {
        forgetEarlierFailures();
        String path = "/actuator/prometheus";
        String user = "scraper"; // no such account: guessing names counts the same
        for (int i = 1; i <= 4; i++) {
            assertThat(send("GET", path, TestUsers.basic(user, "guess-" + i)).statusCode()).as("failure " + i).isEqualTo(401);
        }
        // the window slides: these four are forgotten five minutes later
        clock.set(clock.instant().plus(Duration.ofMinutes(5)));
        for (int i = 5; i <= 9; i++) {
            assertThat(send("GET", path, TestUsers.basic(user, "guess-" + i)).statusCode()).as("failure " + i).isEqualTo(401);
        }
        // the sixth attempt after five failures within the window is refused before any password check
        HttpResponse<String> locked = send("GET", path, TestUsers.basic(user, "guess-10"));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValue("900");
        // one lock for every way in: the admin API refuses the name as well
        assertThat(send("GET", "/api/admin/feeds", TestUsers.basic(user, "guess-11")).statusCode()).isEqualTo(429);
    }

    /** What clients, proxies and guessers send: a wrong password, made-up tokens, other schemes, garbage. */
    static final List<String> BAD_AUTHORIZATIONS = List.of(TestUsers.basic(TestUsers.OPERATOR, "x"),
            "Bearer odb_" + "A".repeat(43), "Bearer not-a-token", "Basic %%%not-base64", "Negotiate YIIGhgYGKwYBBQUCoII=");

    @Test
    void thePublicSurfacesIgnoreCredentialsAndNeverLockAnyoneOut() throws Exception {
        forgetEarlierFailures();
        List<String> publicPaths = List.of("/opendata/", "/", "/robots.txt", "/favicon.ico", "/actuator/health/liveness",
                "/actuator/health/readiness");
        // the field test: five `curl -u operator:x …/opendata/` locked the operator out for 15 minutes
        for (int i = 1; i <= 5; i++) {
            for (String bad : BAD_AUTHORIZATIONS) {
                for (String path : publicPaths) {
                    HttpResponse<String> response = send("GET", path, bad);
                    assertThat(response.statusCode()).as(path + " with " + bad).isNotIn(401, 403, 429);
                    assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
                }
                assertThat(send("GET", "/opendata/", bad).statusCode()).isEqualTo(200);
                assertThat(send("HEAD", "/opendata/", bad).statusCode()).isEqualTo(200);
                assertThat(send("GET", "/actuator/health/liveness", bad).statusCode()).isEqualTo(200);
                // a published-tree miss is a 404, not a login prompt
                assertThat(send("GET", "/opendata/no-such-file.csv", bad).statusCode()).isEqualTo(404);
            }
        }
        // nothing was counted: the operator signs in, by Basic and by the console's form
        assertThat(send("GET", "/api/admin/feeds", TestUsers.basic(TestUsers.OPERATOR)).statusCode()).isEqualTo(200);
        consoleSession(TestUsers.OPERATOR);
    }

    @Test
    void oneLockPerPersonWhateverTheSpellingOfTheNameAndOnEveryWayIn() throws Exception {
        forgetEarlierFailures();
        String path = "/api/admin/feeds";
        // login ignores case: the other spelling with the right password gets in
        assertThat(send("GET", path, TestUsers.basic("VICTIM", TestUsers.password(VICTIM))).statusCode()).isEqualTo(200);
        String token = "Bearer " + app.bean(ApiTokens.class).issue(VICTIM, Role.VIEWER, "victim's script", Role.VIEWER,
                Duration.ofDays(1)).secret();
        assertThat(send("GET", path, token).statusCode()).isEqualTo(200);
        // five failures under four spellings are five failures of one person
        List<String> spellings = List.of("victim", "VICTIM", "Victim", " vIcTiM ", "VICTIM");
        for (int i = 0; i < spellings.size(); i++) {
            assertThat(send("GET", path, TestUsers.basic(spellings.get(i), "guess-" + i)).statusCode()).isEqualTo(401);
        }
        for (String spelling : List.of("VICTIM", "victim", "Victim")) {
            HttpResponse<String> locked = send("GET", path, TestUsers.basic(spelling, TestUsers.password(VICTIM)));
            assertThat(locked.statusCode()).as(spelling).isEqualTo(429);
        }
        // the console's form and the person's API token are locked too
        String base = "http://localhost:" + app.port();
        Connection.Response page = Jsoup.connect(base + "/admin/login").execute();
        Connection.Response form = Jsoup.connect(base + "/admin/login").cookies(page.cookies()).method(Connection.Method.POST)
                .data("username", "VICTIM", "password", TestUsers.password(VICTIM),
                        "_csrf", page.parse().selectFirst("input[name=_csrf]").val())
                .followRedirects(false).ignoreHttpErrors(true).ignoreContentType(true).execute();
        assertThat(form.header("Location")).endsWith("/admin/login?locked");
        HttpResponse<String> byToken = send("GET", path, token);
        assertThat(byToken.statusCode()).isEqualTo(429);
        assertThat(byToken.headers().firstValue("Retry-After")).hasValue("900");
        // a colleague is not affected
        assertThat(send("GET", path, TestUsers.basic(TestUsers.OPERATOR)).statusCode()).isEqualTo(200);

        clock.set(clock.instant().plus(Duration.ofMinutes(15)).plusSeconds(1));
        assertThat(send("GET", path, TestUsers.basic("VICTIM", TestUsers.password(VICTIM))).statusCode()).isEqualTo(200);
        assertThat(send("GET", path, token).statusCode()).isEqualTo(200);
    }

    @Test
    void madeUpTokensNameNobodyAndCountForTheirAddress() throws Exception {
        forgetEarlierFailures();
        try {
            for (int i = 1; i <= 19; i++) {
                HttpResponse<String> refused = send("GET", "/api/admin/feeds", "Bearer odb_" + String.format("%043d", i));
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            }
            // no name was counted: every account still gets in from here
            assertThat(send("GET", "/api/admin/feeds", TestUsers.basic(TestUsers.OPERATOR)).statusCode()).isEqualTo(200);
            // the twentieth guess locks the address, for every name and way in
            assertThat(send("GET", "/actuator/prometheus", "Bearer guess-20").statusCode()).isEqualTo(401);
            assertThat(send("GET", "/api/admin/feeds", TestUsers.basic(TestUsers.OPERATOR)).statusCode()).isEqualTo(429);
            assertThat(send("GET", "/api/admin/feeds", "Bearer odb_" + "B".repeat(43)).statusCode()).isEqualTo(429);
            // the public side stays open to that address
            assertThat(send("GET", "/opendata/", null).statusCode()).isEqualTo(200);
        } finally {
            // the address is every test's: free it for them
            forgetEarlierFailures();
        }
    }

    /** The demo account exactly as config/application.yml ships it. */
    @SuppressWarnings("unchecked")
    static String shippedDemoHash() throws Exception {
        Map<String, Object> yaml = new org.yaml.snakeyaml.Yaml().load(Files.readString(Path.of("config/application.yml")));
        Map<String, Object> users = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) yaml.get("opendata"))
                .get("security")).get("users");
        return (String) ((Map<String, Object>) users.get("admin")).get("password-hash");
    }

    @Test
    void theShippedDemoAccountIsDocumentedAsAdminWithPasswordDemo() throws Exception {
        assertThat(new BCryptPasswordEncoder().matches("demo", shippedDemoHash())).isTrue();
    }

    @Test
    void outsideTheDemoProfileTheServiceRefusesDemoOrDefaultPasswords(@TempDir Path other) throws Exception {
        // the demo account of config/application.yml: login admin, password demo
        Map<String, Object> props = new HashMap<>(TestUsers.properties());
        props.put("opendata.security.users.admin.password-hash", shippedDemoHash());
        assertThatThrownBy(() -> TestApp.start(other, clock, props).close())
                .hasStackTraceContaining("Refusing to start: opendata.security.users.admin has a demo or default password, "
                        + "and the 'demo' profile is not active");

        // a default password in an account of its own, hashed anew (so not the shipped hash): found by bcrypt
        Map<String, Object> changeme = new HashMap<>(TestUsers.properties());
        changeme.put("opendata.security.users.ivanova.password-hash", new BCryptPasswordEncoder(4).encode("changeme"));
        changeme.put("opendata.security.users.ivanova.roles", "OPERATOR");
        assertThatThrownBy(() -> TestApp.start(other, clock, changeme).close())
                .hasStackTraceContaining("Refusing to start: opendata.security.users.ivanova has a demo or default password");
        Map<String, Object> ownName = new HashMap<>(TestUsers.properties());
        ownName.put("opendata.security.users.viewer.password-hash", new BCryptPasswordEncoder(4).encode("viewer"));
        assertThatThrownBy(() -> TestApp.start(other, clock, ownName).close())
                .hasStackTraceContaining("Refusing to start: opendata.security.users.viewer has a demo or default password");

        // with the demo profile the documented account starts and logs in
        props.put("opendata.base-url", "http://localhost:8080/opendata/");
        try (TestApp demo = TestApp.start(other, clock, props, "demo")) {
            HttpResponse<String> feeds = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + demo.port() + "/api/admin/feeds"))
                    .header("Authorization", TestUsers.basic("admin", "demo")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(feeds.statusCode()).isEqualTo(200);
            // (this start also serves a plain-http base URL: then no HSTS, and the session cookie is not Secure)
            for (String path : List.of("/opendata/", "/admin/login", "/api/admin/feeds")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + demo.port()
                        + path)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
                assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            }
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + demo.port()
                    + "/admin/login")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                    .startsWith("JSESSIONID=").containsIgnoringCase("SameSite=Lax").doesNotContainIgnoringCase("Secure"));
        }
    }

    @Test
    void anAccountThatIsNotUsableStopsTheStartNamingItsKey(@TempDir Path other) {
        Map<String, Object> wrongRole = new HashMap<>(TestUsers.properties());
        wrongRole.put("opendata.security.users.viewer.roles", "SUPERUSER");
        assertThatThrownBy(() -> TestApp.start(other, clock, wrongRole).close())
                .hasStackTraceContaining("opendata.security.users.viewer.roles: 'SUPERUSER' is not a role; the roles are VIEWER, DEPARTMENT, OPERATOR, ADMIN");

        Map<String, Object> clearText = new HashMap<>(TestUsers.properties());
        clearText.put("opendata.security.users.viewer.password-hash", "s3cret-Password");
        assertThatThrownBy(() -> TestApp.start(other, clock, clearText).close())
                .hasStackTraceContaining("opendata.security.users.viewer.password-hash is not a bcrypt hash")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("s3cret-Password"));

        // a hash expected from the environment that is not there: the variable is named, it is no secret
        Map<String, Object> unset = new HashMap<>(TestUsers.properties());
        unset.put("opendata.security.users.viewer.password-hash", "${OPENDATA_TEST_UNSET_VIEWER_HASH}");
        assertThatThrownBy(() -> TestApp.start(other, clock, unset).close())
                .hasStackTraceContaining("opendata.security.users.viewer.password-hash: the environment variable "
                        + "OPENDATA_TEST_UNSET_VIEWER_HASH is not set");

        // two accounts that are one person to the login and the lock (bracketed keys keep their case when bound)
        Map<String, Object> twice = new HashMap<>(TestUsers.properties());
        twice.put("opendata.security.users[Viewer].password-hash", TestUsers.properties().get("opendata.security.users.viewer.password-hash"));
        twice.put("opendata.security.users[Viewer].roles", "VIEWER");
        assertThatThrownBy(() -> TestApp.start(other, clock, twice).close())
                .hasStackTraceContaining("are one login name (names are compared ignoring case); keep one of them");

        Map<String, Object> noRole = new HashMap<>(TestUsers.properties());
        noRole.put("opendata.security.users.ivanova.password-hash", TestUsers.properties().get("opendata.security.users.viewer.password-hash"));
        assertThatThrownBy(() -> TestApp.start(other, clock, noRole).close())
                .hasStackTraceContaining("opendata.security.users.ivanova.roles is missing");
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
