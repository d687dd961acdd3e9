package ru.gov.tomsk.opendata.catalog.web;

import java.util.List;

/**
 * The rendered guide.
 *
 * @param title    its first heading, the page's {@code <h1>}
 * @param lead     the text between the title and the first section, as HTML, shown above the contents
 * @param contents its second- and third-level headings, for the table of contents
 * @param html     the rest, as HTML whose headings carry the contents' ids; raw HTML of the Markdown escaped
 */
record GuidePage(String title, String lead, List<Entry> contents, String html) {

    GuidePage {
        contents = List.copyOf(contents);
    }

    /** One line of the table of contents: a heading and its anchor. */
    record Entry(int level, String id, String text) {
    }
}
