package ru.gov.tomsk.opendata.publish;

/**
 * How one attempt of a delivery ended.
 *
 * @param message what was done, or what went wrong, precisely enough for an operator to act on; it is
 *                stored and logged, so it must never carry a secret (the outbox masks credentials in URLs)
 */
public record DeliveryResult(Outcome outcome, String message) {

    public enum Outcome {
        /** the target holds the dataset as published */
        DELIVERED,
        /** failed for a reason that may pass (target down, network, a file in the way): try again later */
        RETRY,
        /** failed for a reason that waiting cannot fix: give up now and alert */
        PERMANENT
    }

    public static DeliveryResult delivered(String message) {
        return new DeliveryResult(Outcome.DELIVERED, message);
    }

    public static DeliveryResult retry(String error) {
        return new DeliveryResult(Outcome.RETRY, error);
    }

    public static DeliveryResult permanent(String error) {
        return new DeliveryResult(Outcome.PERMANENT, error);
    }
}
