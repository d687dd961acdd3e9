package ru.gov.tomsk.opendata.catalog;

/** How a run ended: status, the version it published or kept, and what it found. */
public record RunResult(RunStatus status, String dataVersion, String message, Long added, Long changed, Long removed,
                        Long heldId) {
}
