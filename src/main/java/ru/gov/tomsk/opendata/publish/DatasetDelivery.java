package ru.gov.tomsk.opendata.publish;

import ru.gov.tomsk.opendata.catalog.PublishedDataset;

/**
 * One attempt to bring a target up to date with a dataset.
 *
 * @param id          the delivery's row in the outbox
 * @param dataVersion the version that requested the delivery; {@code dataset} may already list a newer one,
 *                    and then the newer one is what the target gets (it never receives an older state than
 *                    the catalogue's)
 * @param attempt     1 for the first attempt
 * @param dataset     the dataset's files and passport, read from the catalogue when the attempt started
 */
public record DatasetDelivery(long id, String identifier, String dataVersion, String target, int attempt,
                              PublishedDataset dataset) {
}
