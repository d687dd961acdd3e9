package ru.gov.tomsk.opendata.publish;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Two nodes never send the same delivery at once: the claim on H2 (the embedded state database). */
class DeliveryClaimTest {

    @Test
    void racingNodesEachWinDifferentDeliveriesOnH2() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:claims-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        ClaimRace.run(h2);
    }
}
