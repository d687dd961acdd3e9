package ru.gov.tomsk.opendata.ops.console;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.ops.Audit;

/** The audit trail of the console's actions, marked "(console)". */
@Component
class ConsoleAudit extends Audit {

    ConsoleAudit() {
        super("console");
    }
}
