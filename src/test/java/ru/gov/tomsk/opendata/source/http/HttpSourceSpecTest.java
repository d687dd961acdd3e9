package ru.gov.tomsk.opendata.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.feed.FeedRules;

/** The options of an http feed: defaults, checks with the option's name, and secrets kept out of text. */
class HttpSourceSpecTest {

    static HttpSourceSpec spec(String... keyValues) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            given.put(keyValues[i], keyValues[i + 1]);
        }
        return HttpSourceSpec.of(FeedRules.of(java.util.Set.of(), name -> null).kind("http").orElseThrow().withDefaults(given));
    }

    @Test
    void defaultsComeFromTheSourceKind() {
        HttpSourceSpec spec = spec("url", "https://api.example.ru/v1/schools");
        assertThat(spec.method()).isEqualTo("GET");
        assertThat(spec.pagination()).isEqualTo(Pagination.NONE);
        assertThat(spec.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.maxPages()).isEqualTo(10000);
        assertThat(spec.retry()).isEqualTo(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60)));
        assertThat(spec.sizeParam()).isEqualTo("size");
    }

    @Test
    void headersSplitOnSemicolonsBeforeANameAndOnLineBreaks() {
        assertThat(HttpSourceSpec.headers("X-Api-Key: {apiKey}; Accept: application/json; charset=utf-8\nX-Client:  opendata "))
                .extracting(h -> h.name() + "=" + h.value())
                .containsExactly("X-Api-Key={apiKey}", "Accept=application/json; charset=utf-8", "X-Client=opendata");
    }

    @Test
    void aMalformedHeaderIsNamedByPositionNeverByItsValue() {
        assertThatThrownBy(() -> HttpSourceSpec.headers("just-a-secret-value; Accept: application/json"))
                .hasMessageContaining("entry 1").hasMessageNotContaining("just-a-secret-value");
        assertThatThrownBy(() -> HttpSourceSpec.headers("Accept: application/json\nsecret-without-name"))
                .hasMessageContaining("entry 2").hasMessageNotContaining("secret-without-name");
    }

    @Test
    void mistakesNameTheOption() {
        assertThatThrownBy(() -> spec("url", "https://a.ru/x", "pagination", "pages"))
                .hasMessageContaining("'pagination'").hasMessageContaining("nextLink, linkHeader, cursor");
        assertThatThrownBy(() -> spec("url", "https://a.ru/x", "pagination", "cursor")).hasMessageContaining("'cursorPath'");
        assertThatThrownBy(() -> spec("url", "https://a.ru/x", "method", "PUT")).hasMessageContaining("'method'");
        assertThatThrownBy(() -> spec("url", "https://a.ru/x", "body", "{}")).hasMessageContaining("POST");
        assertThatThrownBy(() -> spec("url", "https://a.ru/x", "readTimeout", "soon")).hasMessageContaining("'readTimeout'");
        assertThatThrownBy(() -> spec("url", "https://a.ru/x", "maxPages", "0")).hasMessageContaining("'maxPages'");
        assertThatThrownBy(() -> spec("url", "ftp://a.ru/x")).hasMessageContaining("'url'");
        assertThatThrownBy(() -> spec("url", "https://a.ru/x", "path", "data..rows")).hasMessageContaining("'path'");
        assertThatThrownBy(() -> spec("url", "https://a.ru/x", "token", "t", "username", "u"))
                .hasMessageContaining("'token'").hasMessageContaining("'username'");
        assertThatThrownBy(() -> spec("url", "https://a.ru/x", "apiKey", "k")).hasMessageContaining("{apiKey}");
        assertThatThrownBy(() -> spec("url", "https://a.ru/x?key={apiKey}")).hasMessageContaining("'apiKey' is not set");
    }

    @Test
    void noneSendsNoSizeOrLimit() {
        HttpSourceSpec spec = spec("url", "https://a.ru/x", "pagination", "page", "sizeParam", "none");
        assertThat(new Pager(spec).first().uri()).hasToString("https://a.ru/x?page=1");
    }

    @Test
    void placeholdersAreFilledAndOtherValuesBecomeQueryParameters() {
        HttpSourceSpec spec = spec("url", "https://a.ru/x?n={size}&key={apiKey}#top", "pagination", "page", "firstPage", "0",
                "pageSize", "50", "apiKey", "k y/=");
        assertThat(new Pager(spec).first().uri()).hasToString("https://a.ru/x?n=50&key=k%20y%2F%3D&page=0#top");
    }

    @Test
    void textOfTheSpecShowsNoSecret() {
        HttpSourceSpec spec = spec("url", "https://a.ru/x?key={apiKey}", "token", "tok-123456", "apiKey", "key-7890",
                "headers", "X-Secret: literal-header-value");
        assertThat(spec.toString()).doesNotContain("tok-123456", "key-7890", "literal-header-value").contains("X-Secret");
        // a credential-like header given literally (from ${ENV}) is masked wherever it is echoed
        assertThat(spec.redactor().text("echo literal-header-value")).isEqualTo("echo ***");
    }

    @Test
    void redactorMasksSecretsUserInfoAndCredentialLikeParameters() {
        Redactor redactor = new Redactor(List.of("s3cr3t value"));
        assertThat(redactor.url("https://user:pw@a.ru/x?access_token=abc&page=2&api_key=&sig=zz&q=s3cr3t%20value"))
                .isEqualTo("https://***@a.ru/x?access_token=***&page=2&api_key=&sig=***&q=***");
        assertThat(redactor.text("echo: s3cr3t value")).isEqualTo("echo: ***");
        assertThat(redactor.excerpt(("a\n  b " + "z".repeat(400)).getBytes(), 300)).startsWith("a b zzz").hasSize(300).endsWith("…");
    }

    @Test
    void linkHeaderFindsRelNextAmongOtherRelations() {
        assertThat(LinkHeader.next(List.of("<https://a.ru/x?page=1>; rel=\"prev first\", <https://a.ru/x?page=3>; rel=\"next\""
                + ", <https://a.ru/x?page=9>; rel=last"))).contains("https://a.ru/x?page=3");
        assertThat(LinkHeader.next(List.of("<https://a.ru/x?p=1>; rel=\"prev\"", "</x?p=3>; title=\"a, b\"; REL=Next")))
                .contains("/x?p=3");
        assertThat(LinkHeader.next(List.of("<https://a.ru/x?page=1>; rel=\"prev\""))).isEmpty();
        assertThat(LinkHeader.next(List.of())).isEmpty();
    }

    @Test
    void jsonValueByDottedPathOrPointer() {
        byte[] page = "{\"items\": [{\"next\": \"no\"}], \"@odata.nextLink\": \"/o?skip=2\", \"meta\": {\"cursor\": 42, \"none\": null}}"
                .getBytes();
        assertThat(JsonValue.find(page, JsonValue.segments("/@odata.nextLink", "p"), "p", "page")).contains("/o?skip=2");
        assertThat(JsonValue.find(page, JsonValue.segments("meta.cursor", "p"), "p", "page")).contains("42");
        assertThat(JsonValue.find(page, JsonValue.segments("meta.none", "p"), "p", "page")).isEmpty();
        assertThat(JsonValue.find(page, JsonValue.segments("next", "p"), "p", "page")).isEmpty();
        assertThat(JsonValue.find(page, JsonValue.segments("/items/0/next", "p"), "p", "page")).contains("no");
        assertThatThrownBy(() -> JsonValue.find(page, JsonValue.segments("meta", "p"), "cursorPath", "page 2"))
                .hasMessageContaining("page 2").hasMessageContaining("cursorPath");
    }
}
