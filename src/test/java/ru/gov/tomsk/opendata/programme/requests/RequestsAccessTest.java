package ru.gov.tomsk.opendata.programme.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.ops.console.Console.text;
import static ru.gov.tomsk.opendata.ops.console.Console.texts;
import static ru.gov.tomsk.opendata.programme.requests.RequestDeadlinesTest.encode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.ops.api.AdminClient;
import ru.gov.tomsk.opendata.ops.console.Console;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * The admin API's answers about requests: each refused change names the field at fault; a VIEWER reads but changes
 * nothing (403, in the API and the console); a DEPARTMENT account sees the requests routed to its organisations only;
 * the contact is in no list, and on one request's page or answer only for an OPERATOR. Without mail settings the
 * console says the notices are not configured.
 */
class RequestsAccessTest {

    static final String TRANSPORT = "7000000001";

    @TempDir
    Path home;

    @Test
    void fieldsAreNamedViewersChangeNothingDepartmentsSeeTheirOwn() throws Exception {
        Fixtures.installFixtureFeed(home);
        Map<String, Object> properties = new HashMap<>(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        properties.put("opendata.programme.departments." + TRANSPORT + ".name", "Департамент транспорта");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T03:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, properties); Console viewer = new Console(app.port());
             Console department = new Console(app.port())) {
            assertThat(app.run(Fixtures.FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            DataRequests requests = app.bean(DataRequests.class);
            String ours = requests.register(new NewRequest("Список организаций", null, "ivan.petrov@example.ru", true,
                    "key-1")).number();
            String theirs = requests.register(new NewRequest("Маршруты автобусов", "Поездки", "maria@example.ru",
                    true, "key-2")).number();
            AdminClient api = new AdminClient(app.port());
            String base = "/api/admin/requests/";

            // routing: an unknown or missing department is named
            assertField(post(api, base + encode(ours) + "/assign", "{\"department\":\"1234567890\"}"), 400,
                    "department", "field 'department': no department has INN '1234567890'");
            assertField(post(api, base + encode(ours) + "/assign", "{}"), 400, "department",
                    "field 'department' is required");
            assertThat(post(api, base + encode(ours) + "/assign", "{\"department\":\"" + TestUsers.DEPARTMENT_INN
                    + "\"}").statusCode()).isEqualTo(200);
            JsonNode routed = AdminClient.json(post(api, base + encode(theirs) + "/assign", "{\"department\":\""
                    + TRANSPORT + "\"}"));
            assertThat(routed.get("departmentName").asText()).isEqualTo("Департамент транспорта");

            // answering: each outcome's own field
            assertField(post(api, base + encode(ours) + "/answer", "{\"outcome\":\"PUBLISHED\",\"dataset\":"
                    + "\"7017069388-nothing\"}"), 400, "dataset", "field 'dataset': no published dataset "
                    + "'7017069388-nothing' in the catalogue");
            assertField(post(api, base + encode(ours) + "/answer", "{\"outcome\":\"PUBLISHED\"}"), 400, "dataset",
                    "field 'dataset' is required for outcome PUBLISHED");
            assertField(post(api, base + encode(ours) + "/answer", "{\"outcome\":\"PLANNED\",\"plannedOn\":"
                    + "\"2026-03-01\"}"), 400, "plannedOn", "field 'plannedOn' 2026-03-01 is in the past (today is "
                    + "2026-03-02 in the region)");
            assertField(post(api, base + encode(ours) + "/answer", "{\"outcome\":\"PLANNED\",\"plannedOn\":"
                    + "\"01.06.2026\"}"), 400, "plannedOn", "field 'plannedOn' must be a date YYYY-MM-DD");
            assertField(post(api, base + encode(ours) + "/answer", "{\"outcome\":\"PLANNED\"}"), 400, "plannedOn",
                    "field 'plannedOn' is required for outcome PLANNED");
            assertField(post(api, base + encode(ours) + "/answer", "{\"outcome\":\"REFUSED\",\"answer\":\"  \"}"), 400,
                    "answer", "field 'answer' (the reason) is required for outcome REFUSED");
            assertField(post(api, base + encode(ours) + "/answer", "{\"outcome\":\"MAYBE\"}"), 400, "outcome",
                    "field 'outcome' must be one of PUBLISHED, PLANNED, REFUSED; got 'MAYBE'");
            assertField(post(api, base + encode(ours) + "/redact", "{\"what\":\"\"}"), 400, "what",
                    "field 'what' is required");
            assertThat(requests.find(ours).orElseThrow().answered()).isFalse();
            assertThat(api.get(base + encode("З-2026-0099"), TestUsers.OPERATOR).statusCode()).isEqualTo(404);
            assertThat(api.get("/api/admin/requests?filter=late", TestUsers.VIEWER).body())
                    .contains("query parameter 'filter' must be one of open, overdue, all; got 'late'");
            // what a forged HTML form would send is refused before it reaches the controller
            assertThat(api.post(base + encode(ours) + "/answer", TestUsers.OPERATOR,
                    "application/x-www-form-urlencoded", "outcome=REFUSED&answer=x").statusCode()).isEqualTo(415);
            // today's date is fine for PLANNED; the redaction is what the public sees
            assertThat(post(api, base + encode(ours) + "/answer", "{\"outcome\":\"PLANNED\",\"plannedOn\":"
                    + "\"2026-03-02\"}").statusCode()).isEqualTo(200);
            JsonNode redacted = AdminClient.json(post(api, base + encode(theirs) + "/redact",
                    "{\"what\":\"Маршруты автобусов города\",\"why\":\"\"}"));
            assertThat(redacted.get("redacted").asBoolean()).isTrue();
            assertThat(redacted.get("publicWhat").asText()).isEqualTo("Маршруты автобусов города");
            assertThat(redacted.get("publicWhy").asText()).isEmpty();
            assertThat(redacted.get("what").asText()).isEqualTo("Маршруты автобусов");

            // the contact: in one request's answer for an OPERATOR only, never in a list
            assertThat(AdminClient.json(api.get(base + encode(ours), TestUsers.OPERATOR)).get("contactEmail").asText())
                    .isEqualTo("ivan.petrov@example.ru");
            JsonNode seenByViewer = AdminClient.json(api.get(base + encode(ours), TestUsers.VIEWER));
            assertThat(seenByViewer.has("contactEmail")).isFalse();
            assertThat(seenByViewer.get("hasContact").asBoolean()).isTrue();
            for (String user : new String[] {TestUsers.OPERATOR, TestUsers.VIEWER}) {
                String list = api.get("/api/admin/requests?filter=all", user).body();
                assertThat(list).contains(ours).contains(theirs).doesNotContain("example.ru")
                        .doesNotContain("contactEmail");
            }

            // a VIEWER changes nothing, in the API or the console, and is offered no form
            assertThat(post(api, base + encode(theirs) + "/answer", "{\"outcome\":\"REFUSED\",\"answer\":\"x\"}",
                    TestUsers.VIEWER).statusCode()).isEqualTo(403);
            assertThat(post(api, base + encode(theirs) + "/assign", "{\"department\":\"" + TRANSPORT + "\"}",
                    TestUsers.VIEWER).statusCode()).isEqualTo(403);
            HtmlPage list = viewer.logIn(TestUsers.VIEWER);
            list = viewer.open("/admin/requests?filter=all");
            assertThat(texts(list, "#requests tbody tr td.id")).containsExactly(theirs, ours);
            assertThat(list.getWebResponse().getContentAsString()).doesNotContain("example.ru");
            assertThat(text(list, "notices-off")).contains("Уведомления заявителям по почте не настроены");
            HtmlPage page = viewer.open("/admin/requests/" + encode(theirs));
            assertThat(text(page, "contact")).isEqualTo("указан (виден оператору)");
            assertThat(page.getElementById("answer-form")).isNull();
            assertThat(page.getElementById("assign-form")).isNull();
            assertThat(page.getWebResponse().getContentAsString()).doesNotContain("maria@example.ru");
            assertThat(viewer.postStatus(page, "/admin/requests/" + encode(theirs) + "/redact")).isEqualTo(403);
            assertThat(viewer.postStatus(page, "/admin/requests/" + encode(theirs) + "/answer")).isEqualTo(403);
            assertThat(requests.find(theirs).orElseThrow().answered()).isFalse();

            // a DEPARTMENT account: its own organisation's request only
            JsonNode own = AdminClient.json(api.get("/api/admin/requests?filter=all", TestUsers.DEPARTMENT));
            assertThat(own.findValuesAsText("number")).containsExactly(ours);
            assertThat(api.get(base + encode(theirs), TestUsers.DEPARTMENT).statusCode()).isEqualTo(403);
            assertThat(api.get(base + encode(ours), TestUsers.DEPARTMENT).statusCode()).isEqualTo(200);
            department.logIn(TestUsers.DEPARTMENT);
            HtmlPage departmentList = department.open("/admin/requests?filter=all");
            assertThat(texts(departmentList, "#requests tbody tr td.id")).containsExactly(ours);
            assertThat(text(departmentList, "limited")).contains(TestUsers.DEPARTMENT_INN);
            HtmlPage foreign = department.open("/admin/requests/" + encode(theirs));
            assertThat(foreign.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(text(foreign, "not-yours")).contains(theirs);
            HtmlPage mine = department.open("/admin/requests/" + encode(ours));
            assertThat(mine.getElementById("answer-form")).isNull();
            assertThat(text(mine, "outcome")).isEqualTo("запланировано");
            // no mail settings: the notice waits, untried, and the page says why
            assertThat(requests.find(ours).orElseThrow()).extracting(DataRequest::noticeState, DataRequest::noticeAttempts)
                    .containsExactly("PENDING", 0);
            assertThat(text(mine, "notices-off")).contains("уведомления по почте не настроены");
            assertThat(department.postStatus(mine, "/admin/requests/" + encode(ours) + "/assign")).isEqualTo(403);
        }
    }

    private static HttpResponse<String> post(AdminClient api, String path, String json) {
        return post(api, path, json, TestUsers.OPERATOR);
    }

    private static HttpResponse<String> post(AdminClient api, String path, String json, String user) {
        return api.post(path, user, "application/json", json);
    }

    private static void assertField(HttpResponse<String> response, int status, String field, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = AdminClient.json(response);
        assertThat(problem.get("field").asText()).isEqualTo(field);
        assertThat(problem.get("detail").asText()).contains(detail);
    }
}
