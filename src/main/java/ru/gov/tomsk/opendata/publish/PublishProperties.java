package ru.gov.tomsk.opendata.publish;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.PositiveDuration;

import ru.gov.tomsk.opendata.retry.Backoff;

/**
 * Where published datasets go ({@code opendata.targets.<name>}) and how the delivery outbox retries
 * ({@code opendata.outbox.*}). Feeds name targets in {@code publish: [...]}. The settings are bound and checked
 * once, in {@link OpendataProperties} (the one class of the {@code opendata} prefix); this is the publishing part
 * of them, and the types they bind to.
 *
 * @param targets the portals by name, in name order
 * @param outbox  polling, backoff and give-up settings shared by all targets
 */
@Component
public record PublishProperties(Map<String, Target> targets, Outbox outbox) {

    public PublishProperties {
        targets = targets == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(targets));
    }

    @Autowired
    public PublishProperties(OpendataProperties settings) {
        this(settings.targets(), settings.outbox());
    }

    /**
     * One portal. Which settings apply depends on {@code kind}; a setting another kind needs is ignored.
     *
     * @param kind            {@code directory} (mirror into a directory, e.g. the regional portal's share),
     *                        {@code sftp} or {@code ftp} (mirror onto the portal's file server, {@code .remote.*}),
     *                        {@code ckan} (the portal's CKAN action API, {@code .ckan.*}), {@code http} (a push to a
     *                        portal's API, {@code .http.*}) or {@code harvest} (the portal fetches the registry
     *                        itself; the delivery checks that it is served current)
     * @param path            directory: the mirror's root, where {@code list.csv} and one folder per dataset go
     * @param publicBaseUrl   harvest: the public URL the portal reads {@code list.csv} and {@code <identifier>/meta.csv} from
     * @param connectTimeout  harvest: how long to wait for a connection
     * @param timeout         harvest: how long one request may take, body included
     * @param ckan            ckan: the portal's action API, token and organisation ({@code .ckan.*})
     * @param http            http: a configurable push to a portal's API ({@code .http.*}); {@code public-base-url}
     *                        is then where the JSON body's file links point ({@code <public-base-url><identifier>/<file>})
     */
    public record Target(String kind, Path path, URI publicBaseUrl,
                         @PositiveDuration @DefaultValue("10s") Duration connectTimeout,
                         @PositiveDuration @DefaultValue("30s") Duration timeout,
                         @Valid Ckan ckan,
                         @Valid Remote remote,
                         @Valid Http http) {

        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public Target {
        }

        /** Without {@code remote} and {@code http} settings (the kinds that need none). */
        public Target(String kind, Path path, URI publicBaseUrl, Duration connectTimeout, Duration timeout, Ckan ckan) {
            this(kind, path, publicBaseUrl, connectTimeout, timeout, ckan, null, null);
        }

        /** Without {@code http} settings. */
        public Target(String kind, Path path, URI publicBaseUrl, Duration connectTimeout, Duration timeout, Ckan ckan,
                      Remote remote) {
            this(kind, path, publicBaseUrl, connectTimeout, timeout, ckan, remote, null);
        }
    }

    /**
     * {@code kind: http}: a configurable push to a portal's API ({@code opendata.targets.<name>.http.*}), e.g. the
     * federal portal's once it is published. Write the token as a placeholder ({@code token: ${PORTAL_TOKEN}}).
     * The same version is always sent with {@code Idempotency-Key: <identifier>:<version>}, so a POST-based API can
     * deduplicate a resend; with {@code PUT} resending is harmless by the method's contract.
     *
     * @param url          plain: the request URL, a template with {@code {identifier}} and {@code {version}}
     *                     (URL-encoded when filled in); ckan: the portal's root
     * @param method       {@code POST} (default) or {@code PUT}
     * @param headers      extra headers, {@code Name: value} per line or separated by {@code ;}
     * @param token        sent as {@code Authorization: Bearer <token>} (ckan mode: raw, as CKAN expects)
     * @param body         {@code json} (default: the passport and absolute links of the newest version's files) or
     *                     {@code multipart} (the passport and the newest version's files themselves)
     * @param mode         {@code plain} (default) or {@code ckan}: behave as {@code kind: ckan} with this url and token
     * @param organization ckan mode: the organisation that owns the packages ({@code owner_org})
     * @param timeout      how long one request may take, body included
     */
    public record Http(String url, @DefaultValue("POST") String method, String headers, String token,
                       @DefaultValue("json") String body, @DefaultValue("plain") String mode, String organization,
                       @PositiveDuration @DefaultValue("60s") Duration timeout) {

        @Override
        public String toString() {
            // the token and header values (which may be credentials) stay out of logs
            return "Http[" + method + " " + url + ", body=" + body + ", mode=" + mode + "]";
        }
    }

    /**
     * {@code kind: sftp} and {@code kind: ftp}: the portal's file server ({@code opendata.targets.<name>.remote.*}).
     * Write secrets as placeholders ({@code password: ${PORTAL_SFTP_PASSWORD}}), never literally in a file.
     *
     * @param host                  the server
     * @param port                  default 22 (sftp) or 21 (ftp)
     * @param username              the login
     * @param password              the password (ftp: required; sftp: this or {@code private-key-file})
     * @param privateKeyFile        sftp: the private key to log in with: ed25519, ecdsa or rsa, in OpenSSH format
     *                              ({@code BEGIN OPENSSH PRIVATE KEY}) or PEM ({@code BEGIN RSA/EC PRIVATE KEY},
     *                              {@code BEGIN PRIVATE KEY}, {@code BEGIN ENCRYPTED PRIVATE KEY})
     * @param privateKeyPassphrase  sftp: the key's passphrase, if it is encrypted; as a placeholder, {@code ${ENV}}
     * @param knownHostsFile        sftp: the server's host key, as {@code ssh-keyscan} writes it
     * @param strictHostKeyChecking sftp: refuse a server whose key is not in {@code known-hosts-file} (default true)
     * @param directory             the remote root, where {@code list.*} and one folder per dataset go
     *                              (relative to the login directory unless it starts with {@code /})
     * @param connectTimeout        how long to wait for a connection and login
     * @param timeout               how long one network read may block
     */
    public record Remote(String host, @Min(1) @Max(65535) Integer port, String username, String password,
                         Path privateKeyFile, String privateKeyPassphrase, Path knownHostsFile,
                         @DefaultValue("true") boolean strictHostKeyChecking, String directory,
                         @PositiveDuration @DefaultValue("10s") Duration connectTimeout,
                         @PositiveDuration @DefaultValue("60s") Duration timeout) {

        @Override
        public String toString() {
            // the secrets stay out of logs and exception messages
            return "Remote[" + username + "@" + host + ":" + port + "/" + directory + "]";
        }
    }

    /**
     * {@code kind: ckan}: a portal with the CKAN action API ({@code opendata.targets.<name>.ckan.*}).
     *
     * @param url          the portal's root, e.g. {@code https://data.example.ru/} ({@code api/3/action/...} is added)
     * @param token        the API token, sent raw in {@code Authorization}; write it as a placeholder,
     *                     {@code token: ${CKAN_TOKEN}}, never literally in a file
     * @param organization the name or id of the organisation that owns the packages ({@code owner_org})
     * @param timeout      how long one request may take, body included
     */
    public record Ckan(URI url, String token, String organization, @PositiveDuration @DefaultValue("60s") Duration timeout) {
    }

    /**
     * @param pollInterval how often each target's due deliveries are looked for
     * @param backoffBase  the wait after the first failed attempt; it doubles with each further failure…
     * @param backoffCap   …up to this
     * @param maxAge       a delivery still failing this long after it was requested is given up (FAILED, logged as ERROR)
     * @param lease        how long a node may hold a delivery it is sending before another node may take it over
     *                     (a node that died mid-send and is not restarted); longer than any single delivery takes.
     *                     A restarted node takes back its own at once
     * @param batchSize    deliveries one target sends per poll at most, so a backlog never starves the next poll
     */
    public record Outbox(@PositiveDuration @DefaultValue("10s") Duration pollInterval,
                         @PositiveDuration @DefaultValue("30s") Duration backoffBase,
                         @PositiveDuration @DefaultValue("1h") Duration backoffCap,
                         @PositiveDuration @DefaultValue("3d") Duration maxAge,
                         @PositiveDuration @DefaultValue("30m") Duration lease,
                         @Positive @DefaultValue("50") int batchSize) {

        public Outbox {
            // two settings at once, which a constraint on one of them cannot see
            if (backoffBase != null && backoffCap != null && backoffBase.compareTo(backoffCap) > 0) {
                throw new IllegalArgumentException("opendata.outbox.backoff-base " + backoffBase
                        + " is longer than opendata.outbox.backoff-cap " + backoffCap);
            }
        }

        /** The wait after the {@code failures}-th failure in a row: base, 2×base, 4×base, … capped. */
        public Duration backoff(int failures) {
            return new Backoff(backoffBase, backoffCap).after(failures);
        }
    }
}
