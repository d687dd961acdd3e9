package ru.gov.tomsk.opendata.programme.departments;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.ops.console.ConsoleText;
import ru.gov.tomsk.opendata.programme.requests.DataRequest;
import ru.gov.tomsk.opendata.programme.requests.DataRequests;

/**
 * A report section of requests routed to the department: which of them it lists, in which order and with what
 * words is the subclass's; each links to the request's console page.
 */
abstract class RoutedRequestFindings implements DepartmentFindings {

    protected final ConsoleText text;
    private final DataRequests requests;
    private final Clock clock;
    private final ZoneId zone;

    RoutedRequestFindings(DataRequests requests, ConsoleText text, Clock clock, OpendataProperties opendata) {
        this.requests = requests;
        this.text = text;
        this.clock = clock;
        this.zone = opendata.timeZone();
    }

    /** Whether the section lists the request. */
    abstract boolean lists(DataRequest request);

    /** The order of the listed requests. */
    abstract Comparator<DataRequest> order(Comparator<DataRequest> byNumber);

    /** What the department should do about it, {@code today} in the region's calendar. */
    abstract String text(DataRequest request, LocalDate today);

    @Override
    public List<DepartmentFinding> of(String inn) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        return requests.ofDepartment(inn).stream()
                .filter(this::lists)
                .sorted(order(Comparator.comparing(DataRequest::number)))
                .map(r -> new DepartmentFinding(r.number(), text(r, today), "/admin/requests/" + r.number()))
                .toList();
    }
}
