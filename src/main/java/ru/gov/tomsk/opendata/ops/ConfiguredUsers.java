package ru.gov.tomsk.opendata.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The accounts of {@code opendata.security.users}, checked when the service starts: a wrong role or something
 * that is not a bcrypt hash stops the start with the property's key (never its value), rather than leaving an
 * account that can never log in or, worse, one whose "hash" is a password in clear.
 */
final class ConfiguredUsers {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{([^}:]+)(?::[^}]*)?}");
    private static final Pattern INN = Pattern.compile("\\d{10}|\\d{12}");
    private static final Pattern COST = Pattern.compile("^\\$2[aby]?\\$(\\d{2})\\$");

    /** Below this bcrypt cost a stolen hash is cheap to crack; warned about, not refused (tests use 4). */
    static final int MIN_RECOMMENDED_COST = 10;

    /**
     * The hashes the project ships for its demo (config/application.yml: login admin, password demo). Recognised
     * as they are, without a bcrypt comparison, and whatever the default password list becomes.
     */
    static final Set<String> DEMO_HASHES = Set.of("$2a$10$JHSBmlclDSzAd7f8NG49C.eqvLtQeSofYi/Pu/xbsBOiuhvBdo.LK");

    /**
     * Passwords nobody may keep outside the demo: the demo's own and the usual defaults. The login name itself is
     * checked too.
     */
    static final List<String> DEFAULT_PASSWORDS = List.of("demo", "admin", "password", "changeme", "123456", "opendata");

    private ConfiguredUsers() {
    }

    static List<UserDetails> from(SecurityProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        for (Map.Entry<String, SecurityProperties.Account> entry : new TreeMap<>(properties.users()).entrySet()) {
            String name = entry.getKey();
            SecurityProperties.Account account = entry.getValue();
            String key = "opendata.security.users." + name;
            if (!LOGIN.matcher(name).matches()) {
                throw new IllegalStateException(key + ": a login name has 1 to 64 letters, digits or . _ @ -");
            }
            String hash = bcrypt(key, account.passwordHash());
            if (account.roles().isEmpty()) {
                throw new IllegalStateException(key + ".roles is missing: one of " + Role.names());
            }
            List<String> authorities = new ArrayList<>();
            for (String role : account.roles()) {
                try {
                    authorities.add(Role.valueOf(role.trim().toUpperCase(Locale.ROOT)).authority());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(key + ".roles: '" + role + "' is not a role; the roles are " + Role.names());
                }
            }
            checkOwners(key, account, authorities.contains(Role.DEPARTMENT.authority()));
            users.add(User.withUsername(name).password("{bcrypt}" + hash)
                    .authorities(authorities.toArray(String[]::new)).build());
        }
        return users;
    }

    /** A DEPARTMENT account acts for its organisations only, so it must name them; each is an INN. */
    private static void checkOwners(String key, SecurityProperties.Account account, boolean department) {
        if (department && account.owners().isEmpty()) {
            throw new IllegalStateException(key + ".owners is missing: a DEPARTMENT account names the INNs of its "
                    + "organisations, e.g. owners: [7017069388]");
        }
        for (String owner : account.owners()) {
            if (owner == null || !INN.matcher(owner.strip()).matches()) {
                throw new IllegalStateException(key + ".owners: '" + owner + "' is not an INN (10 or 12 digits)");
            }
        }
    }

    private static String bcrypt(String key, String value) {
        Matcher placeholder = value == null ? null : UNRESOLVED.matcher(value);
        if (placeholder != null && placeholder.find()) {
            // Spring leaves a placeholder whose variable is not set as it is; the variable's name is no secret
            throw new IllegalStateException(key + ".password-hash: the environment variable " + placeholder.group(1)
                    + " is not set; give it the account's bcrypt hash");
        }
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + ".password-hash is missing: a bcrypt hash, e.g. from "
                    + "`htpasswd -nbBC 12 <login> '<password>'`, given as ${ENV_NAME}");
        }
        String hash = value.strip().replaceFirst("^\\{bcrypt}", "");
        if (!BCRYPT.matcher(hash).matches()) {
            throw new IllegalStateException(key + ".password-hash is not a bcrypt hash ($2a$/$2b$/$2y$…, 60 characters); "
                    + "a password is never written in the configuration");
        }
        return hash;
    }

    /** The keys of accounts whose bcrypt cost is below {@link #MIN_RECOMMENDED_COST}. */
    static List<String> withLowCost(List<UserDetails> users) {
        List<String> low = new ArrayList<>();
        for (UserDetails user : users) {
            Matcher cost = COST.matcher(user.getPassword().replaceFirst("^\\{bcrypt}", ""));
            if (cost.find() && Integer.parseInt(cost.group(1)) < MIN_RECOMMENDED_COST) {
                low.add("opendata.security.users." + user.getUsername());
            }
        }
        return low;
    }

    /**
     * The keys of the accounts whose password is the demo's ({@link #DEMO_HASHES}), a default one (see
     * {@link #DEFAULT_PASSWORDS}) or its own login name; empty when there is none.
     */
    static List<String> withDefaultPasswords(List<UserDetails> users) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        List<String> found = new ArrayList<>();
        for (UserDetails user : users) {
            String hash = user.getPassword().replaceFirst("^\\{bcrypt}", "");
            if (DEMO_HASHES.contains(hash)) {
                found.add("opendata.security.users." + user.getUsername());
                continue;
            }
            List<String> candidates = new ArrayList<>(DEFAULT_PASSWORDS);
            candidates.add(user.getUsername());
            for (String candidate : candidates) {
                if (bcrypt.matches(candidate, hash)) {
                    found.add("opendata.security.users." + user.getUsername());
                    break;
                }
            }
        }
        return found;
    }
}
