package ru.gov.tomsk.opendata.publish;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Two nodes never send the same delivery at once, and a dead node's lease is not shown as sending: on H2. */
class DeliveryClaimTest {

    @Test
    void racingNodesEachWinDifferentDeliveriesOnH2() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:claims-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        ClaimRace.run(h2);
    }

    @Test
    void aDeadNodesLeaseIsNotShownAsSendingAndItsRestartTakesItBackOnH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:leases-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        NodeLeases.run(h2);
    }
}
