package ru.gov.tomsk.opendata.ops.console;

import java.util.List;

import ru.gov.tomsk.opendata.source.RejectedFile;

/**
 * The section «Файлы с ошибками» of a file-drop feed's page.
 *
 * @param files the refused files, reasons with server paths removed; empty when the listing failed
 * @param error why they could not be listed (the drop server is down), or null
 */
public record RejectedFilesSection(List<RejectedFile> files, String error) {
}
