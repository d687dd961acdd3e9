package ru.gov.tomsk.opendata.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real browser engine for what HtmlUnit cannot tell: layout. Chromium runs headless and is driven over the
 * DevTools protocol (a WebSocket, no driver library): the viewport is set as a phone's, a page is loaded, and
 * JavaScript expressions measure it. Chromium is optional; {@link #find()} says whether one is on the PATH.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /** The first of the usual Chromium and Chrome commands found on the PATH. */
    public static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                .flatMap(name -> Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts {@code binary} headless with a fresh profile under {@code profile}. */
    public static HeadlessChromium start(Path binary, Path profile) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--disable-crash-reporter", "--remote-debugging-port=0",
                "--user-data-dir=" + profile.toAbsolutePath(), "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String browser = browserSocket(process);
            URI http = URI.create(browser.replaceFirst("^ws://", "http://").replaceFirst("/devtools/.*$", "/json/list"));
            HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(http).build(),
                    HttpResponse.BodyHandlers.ofString());
            String page = null;
            for (JsonNode target : JSON.readTree(list.body())) {
                if ("page".equals(target.path("type").asText())) {
                    page = target.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (page == null) {
                throw new IOException("Chromium opened no page: " + list.body());
            }
            return new HeadlessChromium(process, URI.create(page));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static String browserSocket(Process process) throws IOException {
        // the DevTools address is the one line Chromium prints on stderr that the driver needs; the rest is noise
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (err.readLine() != null) {
                            // keeps the pipe from filling up
                        }
                    } catch (IOException ignored) {
                        // the browser is gone
                    }
                }, "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new IOException("Chromium ended without a DevTools address");
    }

    private HeadlessChromium(Process process, URI page) {
        this.process = process;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(page, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    answer(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).join();
    }

    private void answer(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            CompletableFuture<JsonNode> waiting = node.has("id") ? answers.remove(node.get("id").asInt()) : null;
            if (waiting != null) {
                waiting.complete(node);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Not a DevTools message: " + message, e);
        }
    }

    /** Sends a DevTools command and waits for its result. */
    public JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).join();
        JsonNode node = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (node.has("error")) {
            throw new IllegalStateException(method + " failed: " + node.get("error"));
        }
        return node.path("result");
    }

    /** A phone's viewport: {@code width} CSS pixels wide, the page's viewport meta honoured. */
    public void phone(int width, int height) throws Exception {
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 2,
                "mobile", true));
    }

    public void open(String url) throws Exception {
        send("Page.navigate", Map.of("url", url));
    }

    /** The value of a JavaScript expression, as JSON. */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + " threw " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    @Override
    public void close() {
        socket.abort();
        // the renderer, GPU and crash handler processes write into the profile directory after the main process
        // has gone; the caller deletes that directory, so every one of them must have exited first
        List<ProcessHandle> family = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .toList();
        family.forEach(ProcessHandle::destroy);
        for (ProcessHandle member : family) {
            try {
                member.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                member.destroyForcibly();
            } catch (InterruptedException e) {
                member.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
