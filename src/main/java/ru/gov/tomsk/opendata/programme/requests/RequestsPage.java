package ru.gov.tomsk.opendata.programme.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The public page «Информация о результатах выполнения запросов»: one page of the requests, the newest first, as the
 * public may see them: the text as published (redacted if an operator redacted it), never the requester's contact.
 *
 * @param total    how many requests there are in all
 * @param page     this page's number, from 1
 * @param pages    how many pages there are (at least 1)
 * @param rows     this page's requests
 */
public record RequestsPage(long total, int page, int pages, List<Row> rows) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    // a dataset identifier (<ИНН>-<code>), the only thing a passport link is made of
    private static final Pattern IDENTIFIER = Pattern.compile("[0-9]{10,12}-[A-Za-z0-9_]+");

    static RequestsPage of(long total, int page, int pageSize, List<DataRequest> requests, ZoneId zone) {
        int pages = (int) Math.max(1, (total + pageSize - 1) / pageSize);
        return new RequestsPage(total, page, pages, requests.stream().map(r -> Row.of(r, zone)).toList());
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }

    /** A date as the page shows it: dd.MM.yyyy for people, ISO 8601 for {@code <time datetime>}. */
    public record Day(String iso, String text) {

        static Day of(LocalDate date) {
            return date == null ? null : new Day(date.toString(), DATE.format(date));
        }

        static Day of(Instant instant, ZoneId zone) {
            return instant == null ? null : of(instant.atZone(zone).toLocalDate());
        }
    }

    /**
     * One request as published. No contact: the record it is made of has one, and leaving it out here is what keeps
     * it off the page (the template cannot reach it).
     *
     * @param datasetId PUBLISHED: the dataset's identifier; {@code passport} is its page when it has the shape of one
     */
    public record Row(String number, Day registered, Day due, String what, String why, String state,
                      String outcome, String outcomeCode, String answer, String datasetId, String passport,
                      Day planned, Day answered) {

        static Row of(DataRequest request, ZoneId zone) {
            RequestOutcome outcome = request.outcome();
            String dataset = request.datasetId();
            String passport = dataset != null && IDENTIFIER.matcher(dataset).matches() ? dataset : null;
            return new Row(request.number(), Day.of(request.registeredAt(), zone), Day.of(request.dueOn()),
                    request.publicWhat(), request.publicWhy(), request.state().russian(),
                    outcome == null ? null : outcome.russian(), outcome == null ? null : outcome.name(),
                    request.answer(), dataset, passport, Day.of(request.plannedOn()),
                    Day.of(request.answeredAt(), zone));
        }
    }
}
