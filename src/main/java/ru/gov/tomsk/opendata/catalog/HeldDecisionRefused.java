package ru.gov.tomsk.opendata.catalog;

/**
 * An approve or discard that cannot be done, and why: the one check every surface (API, console) relies on, so
 * none of them repeats it before asking.
 */
public class HeldDecisionRefused extends RuntimeException {

    public enum Reason {
        /** no held version has this id */
        NOT_FOUND,
        /** approved, discarded or superseded already (perhaps a moment ago, by someone else) */
        ALREADY_DECIDED,
        /** approve only: the feed file is invalid or removed, so the passport to publish under is unknown */
        FEED_NOT_LOADED
    }

    private final Reason reason;
    private final long heldId;
    private final transient HeldVersion held;

    /** @param held the held version as it stands now; null when {@link Reason#NOT_FOUND} */
    public HeldDecisionRefused(Reason reason, long heldId, HeldVersion held) {
        super(message(reason, heldId, held));
        this.reason = reason;
        this.heldId = heldId;
        this.held = held;
    }

    public Reason reason() {
        return reason;
    }

    public long heldId() {
        return heldId;
    }

    /** The held version as it stands now; null when it does not exist. */
    public HeldVersion held() {
        return held;
    }

    private static String message(Reason reason, long heldId, HeldVersion held) {
        return switch (reason) {
            case NOT_FOUND -> "no held version " + heldId;
            case ALREADY_DECIDED -> "held version " + heldId + " of " + held.identifier() + " was already "
                    + held.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (held.decidedBy() == null ? "" : " by " + held.decidedBy())
                    + (held.decidedAt() == null ? "" : " at " + held.decidedAt());
            case FEED_NOT_LOADED -> "held version " + heldId + " cannot be approved: feed " + held.identifier()
                    + " is not loaded (its file is invalid or removed), so its passport is unknown; fix the feed file first";
        };
    }
}
