package ru.gov.tomsk.opendata.programme.departments;

import java.time.LocalDate;
import java.util.Comparator;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.ops.console.ConsoleText;
import ru.gov.tomsk.opendata.programme.requests.DataRequest;
import ru.gov.tomsk.opendata.programme.requests.DataRequests;
import ru.gov.tomsk.opendata.programme.requests.RequestDeadlines;

/**
 * Requests for new datasets routed to the department and not answered yet, the earliest deadline first. The
 * deadline ({@code due_on}) is 30 calendar days from registration; its day is still in time.
 */
@Component
public class RequestFindings extends RoutedRequestFindings {

    public RequestFindings(DataRequests requests, ConsoleText text, RequestDeadlines deadlines) {
        super(requests, text, deadlines);
    }

    @Override
    public String heading() {
        return "Запросы граждан, на которые нужно ответить";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    boolean lists(DataRequest request) {
        return !request.answered();
    }

    @Override
    Comparator<DataRequest> order(Comparator<DataRequest> byNumber) {
        return Comparator.comparing(DataRequest::dueOn).thenComparing(byNumber);
    }

    @Override
    String text(DataRequest r, LocalDate today) {
        long left = deadlines.daysLeft(r);
        String when = left < 0
                ? "срок ответа истёк " + text.date(r.dueOn()) + " (просрочен на " + -left + " дн.)"
                : "ответ нужен до " + text.date(r.dueOn()) + " включительно (осталось " + left + " дн.)";
        return "Запрошено: «" + r.publicWhat() + "» (зарегистрирован " + text.dateTime(r.registeredAt()) + "); "
                + when + ". Подготовьте ответ: набор опубликован, запланирован с датой или отказ с причиной.";
    }
}
