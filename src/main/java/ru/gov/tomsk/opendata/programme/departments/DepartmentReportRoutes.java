package ru.gov.tomsk.opendata.programme.departments;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The check that mails the departments' reports of a new period, as a Camel timer route like the operations side's
 * periodic work (OpsRoutes), so that it shows in Camel's route metrics and health.
 */
@Component
public class DepartmentReportRoutes extends RouteBuilder {

    static final String ROUTE = "programme-department-reports";

    private final DepartmentReportMailer mailer;

    public DepartmentReportRoutes(DepartmentReportMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public void configure() {
        long period = mailer.checkInterval().toMillis();
        from("timer:" + ROUTE + "?delay=" + period + "&period=" + period)
                .routeId(ROUTE)
                .routeDescription("Mails each department its report once per period of opendata.programme.reports.cron")
                .process(exchange -> mailer.sendDue());
    }
}
