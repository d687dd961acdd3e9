package ru.gov.tomsk.opendata.catalog.web;

/**
 * A published file that exists on disk.
 *
 * @param format lower-case extension, as the standard names formats ({@code csv}, {@code json}…)
 * @param href   link relative to the page that shows it
 * @param size   human-readable size in Russian units
 */
public record FileLink(String format, String href, String size) {

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " Б";
        }
        String[] units = {"КБ", "МБ", "ГБ", "ТБ"};
        double value = bytes;
        int unit = -1;
        do {
            value /= 1024;
            unit++;
        } while (value >= 1024 && unit < units.length - 1);
        // Russian writes a decimal comma
        return String.format(java.util.Locale.ROOT, "%.1f", value).replace('.', ',') + " " + units[unit];
    }
}
