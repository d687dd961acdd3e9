package ru.gov.tomsk.opendata.ops.api;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.ops.Audit;

/** The audit trail of the admin API's actions. */
@Component
class AdminAudit extends Audit {

    AdminAudit() {
        super("");
    }
}
