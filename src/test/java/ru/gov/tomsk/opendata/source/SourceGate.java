package ru.gov.tomsk.opendata.source;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a run inside its source query until a test opens the gate: an H2 source calls {@link #pass()} through
 * {@code CREATE ALIAS}, so a run is in progress for exactly as long as the test needs. Public for H2.
 */
public final class SourceGate {

    private static volatile CountDownLatch gate = new CountDownLatch(1);

    private SourceGate() {
    }

    /** The SQL of a source database that has the gate: {@code WHERE SOURCE_GATE()} in a query waits at it. */
    public static String createAlias() {
        return "CREATE ALIAS SOURCE_GATE FOR \"" + SourceGate.class.getName() + ".pass\"";
    }

    public static boolean pass() throws InterruptedException {
        return gate.await(2, TimeUnit.MINUTES);
    }

    public static void close() {
        gate = new CountDownLatch(1);
    }

    public static void open() {
        gate.countDown();
    }
}
