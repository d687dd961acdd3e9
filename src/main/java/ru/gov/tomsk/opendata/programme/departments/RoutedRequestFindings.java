package ru.gov.tomsk.opendata.programme.departments;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import ru.gov.tomsk.opendata.ops.console.ConsoleText;
import ru.gov.tomsk.opendata.programme.requests.DataRequest;
import ru.gov.tomsk.opendata.programme.requests.DataRequests;
import ru.gov.tomsk.opendata.programme.requests.RequestDeadlines;

/**
 * A report section of requests routed to the department: which of them it lists, in which order and with what
 * words is the subclass's; each links to the request's console page.
 */
abstract class RoutedRequestFindings implements DepartmentFindings {

    protected final ConsoleText text;
    protected final RequestDeadlines deadlines;
    private final DataRequests requests;

    RoutedRequestFindings(DataRequests requests, ConsoleText text, RequestDeadlines deadlines) {
        this.requests = requests;
        this.text = text;
        this.deadlines = deadlines;
    }

    /** Whether the section lists the request. */
    abstract boolean lists(DataRequest request);

    /** The order of the listed requests. */
    abstract Comparator<DataRequest> order(Comparator<DataRequest> byNumber);

    /** What the department should do about it, {@code today} in the region's calendar. */
    abstract String text(DataRequest request, LocalDate today);

    @Override
    public List<DepartmentFinding> of(String inn) {
        LocalDate today = deadlines.today();
        return requests.ofDepartment(inn).stream()
                .filter(this::lists)
                .sorted(order(Comparator.comparing(DataRequest::number)))
                .map(r -> new DepartmentFinding(r.number(), text(r, today), "/admin/requests/" + r.number()))
                .toList();
    }
}
