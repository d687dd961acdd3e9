package ru.gov.tomsk.opendata.source;

import java.time.Instant;

/**
 * A file a file-drop feed refused, waiting in its {@code .error/} folder.
 *
 * @param name     the file's name, as it was dropped
 * @param size     its size in bytes
 * @param failedAt when it was refused: the time of its reason file as the server reports it; null without one
 * @param reason   the reason file's text, null when it has none
 */
public record RejectedFile(String name, long size, Instant failedAt, String reason) {
}
