package ru.gov.tomsk.opendata.ops;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one spelling of a login name that identifies a person: trimmed, NFC, lower case in {@link Locale#ROOT}. Logins
 * look accounts up by it and the failed-login lock counts by it, so {@code VICTIM}, {@code victim } and a decomposed
 * Unicode spelling are one person to both; with a different key for each, changing the case would dodge the lock.
 * ROOT, not the JVM's locale: in a Turkish locale {@code "ADMIN".toLowerCase()} is {@code "admın"}.
 */
public final class LoginNames {

    private LoginNames() {
    }

    /** The canonical form; null stays null. */
    public static String canonical(String name) {
        return name == null ? null : Normalizer.normalize(name.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
