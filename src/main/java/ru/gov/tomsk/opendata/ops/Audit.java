package ru.gov.tomsk.opendata.ops;

import java.security.Principal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of operators' actions: who asked for which action on what, and how it ended, in one wording
 * ({@code <action> by <user> on <subject>: <outcome>}) whether it came through the admin API or the console, so
 * one search finds every decision. A logger of its own ({@value #LOGGER}), so operators can route it to a
 * separate file or keep it longer than the rest.
 */
public abstract class Audit {

    public static final String LOGGER = "ru.gov.tomsk.opendata.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final String mark;

    /** @param surface where actions come from, appended to each line ("" for the API, the default) */
    protected Audit(String surface) {
        this.mark = surface.isEmpty() ? "" : " (" + surface + ")";
    }

    /** The authenticated user's name; the security chains let no anonymous request reach an action. */
    public static String user(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    public void done(Principal principal, String action, String subject, String outcome) {
        LOG.info("{} by {} on {}: {}{}", action, actor(principal), subject, outcome, mark);
    }

    public void refused(Principal principal, String action, String subject, String why) {
        LOG.info("{} by {} on {} refused: {}{}", action, actor(principal), subject, why, mark);
    }

    /** The user, and the API token it acted through if it did: "admin (API token 3 'nightly-run')". */
    private static String actor(Principal principal) {
        return principal instanceof ApiTokenAuthentication token
                ? user(principal) + " (" + token.token().label() + ")" : user(principal);
    }
}
