package ru.gov.tomsk.opendata.publish;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.http.HttpClients;

/**
 * {@code kind: harvest}: a portal that gathers the registry itself, as the federal portal does (standard §10):
 * nothing is pushed. The delivery is done when {@code <public-base-url>list.csv} and
 * {@code <public-base-url><identifier>/meta.csv} serve exactly the committed bytes; until then (the regional
 * mirror not there yet, a stale cache, the site down) it is retried like any delivery, with the precise reason.
 */
final class HarvestTarget extends WebTarget {

    /** Larger answers are not a registry or a passport of ours; reading stops there. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final URI base;
    private final Path portalDir;

    HarvestTarget(String name, URI base, Path portalDir, HttpClients http, Duration connectTimeout, Duration timeout) {
        // only reads: a public URL that redirects (to https, to a CDN) is followed as a browser would
        super(name, http, connectTimeout, HttpClient.Redirect.NORMAL, timeout);
        this.base = base;
        this.portalDir = portalDir;
    }

    @Override
    public DeliveryResult deliver(DatasetDelivery delivery) {
        String identifier = delivery.dataset().identifier();
        List<String> problems = new ArrayList<>();
        // the passport first: it is what this delivery is about; the registry changes with every dataset
        check(identifier + "/meta.csv", delivery.dataset().directory().resolve("meta.csv"), "the committed passport", problems);
        check("list.csv", portalDir.resolve("list.csv"), "the committed registry", problems);
        if (!problems.isEmpty()) {
            return DeliveryResult.retry(String.join("; ", problems));
        }
        return DeliveryResult.delivered("list.csv and " + identifier + "/meta.csv at " + base + " serve the committed bytes");
    }

    private void check(String file, Path committedFile, String what, List<String> problems) {
        URI url = base.resolve(file);
        byte[] committed;
        try {
            committed = Files.readAllBytes(committedFile);
        } catch (IOException e) {
            problems.add(what + " " + committedFile + " cannot be read: " + DirectoryTarget.describe(e));
            return;
        }
        HttpRequest request = http.request(url, timeout)
                // a cache in front of the portal must ask the origin: a stale copy is exactly what we look for
                .header("Cache-Control", "no-cache")
                .GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    problems.add("HTTP " + response.statusCode() + " for " + file + " at " + url);
                    return;
                }
                byte[] served = body.readNBytes(MAX_BODY + 1);
                if (served.length > MAX_BODY) {
                    problems.add(file + " at " + url + " differs from " + what + " (served more than "
                            + MAX_BODY + " bytes, committed " + committed.length + ")");
                } else if (!Arrays.equals(served, committed)) {
                    // counted from 1, as cmp counts: "cmp served committed" names the same byte
                    long at = Arrays.mismatch(served, committed) + 1L;
                    problems.add(file + " at " + url + " differs from " + what + " (served " + served.length
                            + " bytes, committed " + committed.length + ", first difference at byte " + at + ")");
                }
            }
        } catch (IOException e) {
            problems.add(file + " at " + url + " is unreachable: " + failure(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(file + " at " + url + " was not checked: the service is stopping");
        }
    }

    @Component
    record Kind(OpendataProperties properties, HttpClients http) implements TargetKind {

        @Override
        public String name() {
            return "harvest";
        }

        @Override
        public DeliveryTarget create(String name, PublishProperties.Target settings) {
            // unset: the portal harvests the service's own section (the demo checks itself)
            URI url = settings.publicBaseUrl() != null ? settings.publicBaseUrl() : URI.create(properties.baseUrl());
            if (!url.isAbsolute() || !List.of("http", "https").contains(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("opendata.targets." + name + ".public-base-url '" + Redaction.clean(url.toString())
                        + "' is not an http(s) URL");
            }
            URI base = url.getPath() != null && url.getPath().endsWith("/") ? url : URI.create(url + "/");
            return new HarvestTarget(name, base, properties.portalDir(), http, settings.connectTimeout(), settings.timeout());
        }
    }
}
