package ru.gov.tomsk.opendata.programme.departments;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.programme.ProgrammeProperties;
import ru.gov.tomsk.opendata.programme.requests.DataRequest;
import ru.gov.tomsk.opendata.programme.requests.DataRequests;

/**
 * The departments and their reports: a section per {@link DepartmentFindings} bean, in their order. A department is
 * an ИНН that is configured ({@code opendata.programme.departments.<inn>}), that starts a feed identifier, or that
 * a request was routed to.
 */
@Component
public class DepartmentReports {

    /** An ИНН: 10 digits (an organisation) or 12. */
    public static final Pattern INN = Pattern.compile("\\d{10}|\\d{12}");

    private final ProgrammeProperties programme;
    private final FeedRegistry registry;
    private final DataRequests requests;
    private final ObjectProvider<DepartmentFindings> findings;
    private final Clock clock;

    public DepartmentReports(ProgrammeProperties programme, FeedRegistry registry, DataRequests requests,
                             ObjectProvider<DepartmentFindings> findings, Clock clock) {
        this.programme = programme;
        this.registry = registry;
        this.requests = requests;
        this.findings = findings;
        this.clock = clock;
    }

    /** Every department, by ИНН. */
    public List<Department> all() {
        Map<String, Department> all = new TreeMap<>();
        programme.departments().keySet().forEach(inn -> all.put(inn, null));
        registry.feeds().forEach(f -> all.put(innOf(f.identifier()), null));
        registry.broken().keySet().forEach(id -> all.put(innOf(id), null));
        requests.all().stream().map(DataRequest::department).filter(d -> d != null).forEach(d -> all.put(d, null));
        return all.keySet().stream().filter(inn -> INN.matcher(inn).matches()).map(this::department).toList();
    }

    /** The department of the ИНН, if the service knows it. */
    public Optional<Department> find(String inn) {
        return all().stream().filter(d -> d.inn().equals(inn)).findFirst();
    }

    /** Its report as of now. */
    public DepartmentReport report(Department department) {
        List<ReportSection> sections = findings.orderedStream()
                .sorted(Comparator.comparingInt(DepartmentFindings::order))
                .map(f -> new ReportSection(f.heading(), f.order(), f.of(department.inn())))
                .toList();
        return new DepartmentReport(department.inn(), department.name(), department.email(), clock.instant(), sections);
    }

    private Department department(String inn) {
        Optional<ProgrammeProperties.Department> configured = programme.department(inn);
        String name = configured.map(ProgrammeProperties.Department::name).filter(n -> !n.isBlank())
                .or(() -> registry.feeds().stream().filter(f -> f.identifier().startsWith(inn + "-"))
                        .sorted(Comparator.comparing(FeedDefinition::identifier))
                        .map(f -> f.passport().creator()).filter(c -> c != null && !c.isBlank()).findFirst())
                .orElse("ИНН " + inn);
        String email = configured.map(ProgrammeProperties.Department::email).filter(e -> !e.isBlank()).orElse(null);
        return new Department(inn, name, email);
    }

    /** The ИНН a feed identifier starts with. */
    public static String innOf(String feedId) {
        int dash = feedId.indexOf('-');
        return dash < 0 ? feedId : feedId.substring(0, dash);
    }
}
