package ru.gov.tomsk.opendata.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.List;

import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;

import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * A browser (HtmlUnit, scripts off: the console must work without them) signed in to the console of a running
 * {@code TestApp} as one user, with its own cookies.
 */
public final class Console implements AutoCloseable {

    private final WebClient browser = new WebClient();
    private final int port;

    public Console(int port) {
        this.port = port;
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens the console, is sent to the login form, fills it in and lands on the overview. */
    public HtmlPage logIn(String user) throws IOException {
        HtmlPage login = open("/admin/");
        assertThat(login.getUrl().getPath()).isEqualTo("/admin/login");
        return signIn(login, user);
    }

    /** Fills in the login form of {@code login} as {@code user}, sends it and checks it lands on the overview. */
    public static HtmlPage signIn(HtmlPage login, String user) throws IOException {
        HtmlForm form = login.getForms().get(0);
        form.<HtmlInput>getInputByName("username").type(user);
        form.<HtmlInput>getInputByName("password").type(TestUsers.password(user));
        HtmlPage landed = click(form.getFirstByXPath(".//button[@type='submit']"));
        assertThat(landed.getUrl().getPath()).as(landed.asNormalizedText()).isEqualTo("/admin/");
        return landed;
    }

    public HtmlPage open(String path) throws IOException {
        return browser.getPage(url(path));
    }

    /** Any response of the console's session (a CSV download, an error page) as it came, bytes and headers. */
    public org.htmlunit.WebResponse fetch(String path) throws IOException {
        return browser.getPage(url(path)).getWebResponse();
    }

    public static HtmlPage click(Object button) throws IOException {
        assertThat(button).as("button").isNotNull();
        return ((HtmlButton) button).click();
    }

    /** As {@link #post}, answering the HTTP status. */
    public int postStatus(HtmlPage from, String path) throws IOException {
        return post(from, path).getWebResponse().getStatusCode();
    }

    /**
     * A POST with the session's CSRF token (taken from the logout form, which every page has) but no button: what a
     * second tab, or someone hand-crafting a request, sends.
     */
    public Page post(HtmlPage from, String path) throws IOException {
        String token = from.<HtmlInput>getFirstByXPath("//form[@action='/admin/logout']/input[@name='_csrf']").getValue();
        WebRequest request = new WebRequest(new URL(url(path)), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("_csrf", token)));
        return browser.getPage(request);
    }

    public static String text(HtmlPage page, String id) {
        DomElement element = page.getElementById(id);
        assertThat(element).as("#" + id + " on " + page.getUrl()).isNotNull();
        return element.asNormalizedText();
    }

    public static List<String> texts(HtmlPage page, String selector) {
        return page.querySelectorAll(selector).stream().map(DomNode::asNormalizedText).toList();
    }

    @Override
    public void close() {
        browser.close();
    }
}
