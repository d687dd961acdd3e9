package ru.gov.tomsk.opendata.programme.departments;

import java.time.LocalDate;
import java.util.Comparator;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.ops.console.ConsoleText;
import ru.gov.tomsk.opendata.programme.requests.DataRequest;
import ru.gov.tomsk.opendata.programme.requests.DataRequests;
import ru.gov.tomsk.opendata.programme.requests.RequestDeadlines;
import ru.gov.tomsk.opendata.programme.requests.RequestOutcome;

/**
 * Datasets consumers asked for and the department promised: requests routed to it answered PLANNED, the earliest
 * planned date first, so those whose date has passed come before those still ahead. A request answered PUBLISHED or
 * REFUSED is settled and not listed.
 */
@Component
public class AskedForFindings extends RoutedRequestFindings {

    public AskedForFindings(DataRequests requests, ConsoleText text, RequestDeadlines deadlines) {
        super(requests, text, deadlines);
    }

    @Override
    public String heading() {
        return "Наборы, которые просили граждане и которые обещано опубликовать";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    boolean lists(DataRequest request) {
        return request.answered() && request.outcome() == RequestOutcome.PLANNED && request.plannedOn() != null;
    }

    @Override
    Comparator<DataRequest> order(Comparator<DataRequest> byNumber) {
        return Comparator.comparing(DataRequest::plannedOn).thenComparing(byNumber);
    }

    @Override
    String text(DataRequest r, LocalDate today) {
        String what = "«" + r.publicWhat() + "»";
        if (r.plannedOn().isBefore(today)) {
            return "Публикация " + what + " была запланирована на " + text.date(r.plannedOn()) + ", срок прошёл. "
                    + "Опубликуйте набор или сообщите оператору новую дату.";
        }
        return "Публикация " + what + " запланирована на " + text.date(r.plannedOn()) + ". Подготовьте набор к этой дате.";
    }
}
