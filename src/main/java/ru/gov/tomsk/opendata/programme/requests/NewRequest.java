package ru.gov.tomsk.opendata.programme.requests;

/**
 * A request as the public form sent it, already checked (lengths, no markup, consent given with an e-mail).
 *
 * @param clientKey a keyed hash of the sender's address (the address is not kept)
 */
public record NewRequest(String what, String why, String contactEmail, boolean consent, String clientKey) {
}
