package ru.gov.tomsk.opendata.ops.api;

import java.security.Principal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The audit trail of the admin API: who asked for which action on what, and how it ended. A logger of its own
 * ({@value #LOGGER}), so operators can route it to a separate file or keep it longer than the rest.
 */
@Component
class AdminAudit {

    static final String LOGGER = "ru.gov.tomsk.opendata.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /** The authenticated user's name; the security chain guarantees one for every action. */
    static String user(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    void done(Principal principal, String action, String subject, String outcome) {
        LOG.info("{} by {} on {}: {}", action, user(principal), subject, outcome);
    }

    void refused(Principal principal, String action, String subject, String why) {
        LOG.info("{} by {} on {} refused: {}", action, user(principal), subject, why);
    }
}
