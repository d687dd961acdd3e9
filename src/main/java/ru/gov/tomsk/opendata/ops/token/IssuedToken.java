package ru.gov.tomsk.opendata.ops.token;

/**
 * A token just created: the only moment its secret exists outside the caller's hands. The console shows
 * {@code secret} once; the state database keeps its hash only.
 */
public record IssuedToken(String secret, ApiToken token) {

    @Override
    public String toString() {
        // never the secret, should this record end up in a log line or an exception message
        return "IssuedToken[" + token.label() + "]";
    }
}
