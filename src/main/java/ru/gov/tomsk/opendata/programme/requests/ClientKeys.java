package ru.gov.tomsk.opendata.programme.requests;

import static ru.gov.tomsk.opendata.catalog.CatalogRepository.utc;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key a request's sender is counted under for the per-address limit ({@code data_request.client_key}): an
 * HMAC-SHA256 of the address with a random secret of the state database (table {@code request_client_secret}), so
 * the database never holds an address, and a plain hash (reversible by trying the 2³² IPv4 addresses) neither. The
 * secret is made by the first node that needs it and shared by all, so every node counts an address the same.
 *
 * <p>An IPv6 sender is counted by its /64 network: one subscriber usually has a whole /64 and could otherwise take a
 * fresh address for every request.
 */
@Component
public class ClientKeys {

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile SecretKeySpec secret;

    public ClientKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The key of a client address as the servlet container gives it (an IP literal). */
    public String of(String remoteAddress) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret());
            return HexFormat.of().formatHex(mac.doFinal(network(remoteAddress)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The bytes counted: an IPv4 address whole, an IPv6 one by its /64; anything else (a socket path) as text. */
    static byte[] network(String remoteAddress) {
        String address = remoteAddress == null ? "" : remoteAddress.strip();
        // only literals reach InetAddress (no name lookup): digits, hex, '.', ':' and a zone after '%'
        if (!address.isEmpty() && address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':'
                || c == '%' || c == '[' || c == ']')) {
            try {
                byte[] ip = InetAddress.getByName(address.replaceAll("%.*$", "")).getAddress();
                return ip.length == 16 ? Arrays.copyOf(ip, 8) : ip;
            } catch (UnknownHostException notALiteral) {
                // counted as text below
            }
        }
        return address.getBytes(StandardCharsets.UTF_8);
    }

    private SecretKeySpec secret() {
        SecretKeySpec known = secret;
        if (known == null) {
            synchronized (this) {
                if (secret == null) {
                    secret = new SecretKeySpec(Base64.getDecoder().decode(stored().orElseGet(this::create)),
                            "HmacSHA256");
                }
                known = secret;
            }
        }
        return known;
    }

    private Optional<String> stored() {
        return jdbc.sql("SELECT secret FROM request_client_secret WHERE id = 1").query(String.class).optional();
    }

    /** Two nodes creating it at once: the primary key keeps one, and the other reads that one. */
    private String create() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        try {
            jdbc.sql("INSERT INTO request_client_secret (id, secret, created_at) VALUES (1, ?, ?)")
                    .params(Base64.getEncoder().encodeToString(bytes), utc(clock.instant())).update();
        } catch (DuplicateKeyException otherNode) {
            // fall through to the stored one
        }
        return stored().orElseThrow();
    }
}
