package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The scenario both server targets must survive: a portal server that dies in the middle of a delivery, between
 * an upload and its rename, and stays down for one more attempt. The test arms its server's fault
 * ({@code crashAfterNextUpload}); this drives the application and checks what a reader of the server sees.
 */
final class CrashMidDelivery {

    interface Restart {
        void start() throws Exception;
    }

    private CrashMidDelivery() {
    }

    /**
     * With the fixture feed's first version delivered: publishes the second version with the fault armed and
     * returns when the delivery has completed after the crash and a retry against a server that is down.
     *
     * @param scheme       how the delivery's error names the server ("ftp", "sftp")
     * @param secret       the server password, which must appear in no error
     * @param serverIsDown true once the crashed server has stopped
     * @param restart      starts the server again on the same port
     */
    static void secondVersion(TestApp app, MutableClock clock, String source, Path portal, Path remote, AtomicBoolean crashAfterNextUpload,
                              String scheme, String secret, BooleanSupplier serverIsDown, Restart restart) throws Exception {
        String feed = Fixtures.FEED;
        // the second version's first upload (its new data file) completes, then the server dies before the rename
        crashAfterNextUpload.set(true);
        Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 99.90 WHERE id = 1");
        clock.set("2026-04-03T02:00:00Z");
        assertThat(app.run(feed).status()).isEqualTo(RunStatus.PUBLISHED);
        Delivery cut = Mirror.await(app, feed, "20260403T0900", "portal", d -> d.attempts() == 1 && d.claimedBy() == null);
        assertThat(cut.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(cut.lastError()).startsWith("cannot write " + scheme + "://").doesNotContain(secret);
        Awaitility.await().until(serverIsDown::getAsBoolean);
        assertThat(Fixtures.snapshot(remote).keySet()).as("the upload was cut between its write and its rename")
                .anyMatch(file -> file.startsWith(feed + "/.data-20260403T0900-structure-20260320T0900.csv" + RemoteTarget.TEMP_MARK));
        // readers still see the first version whole
        assertThat(Fixtures.lines(remote.resolve(feed).resolve("meta.csv"))).noneMatch(line -> line.contains("20260403T0900"));

        // retried while the server is still down: a second failure; then the server is back
        clock.set(cut.nextAttemptAt());
        Delivery down = Mirror.await(app, feed, "20260403T0900", "portal", d -> d.attempts() == 2 && d.claimedBy() == null);
        assertThat(down.status()).isEqualTo(DeliveryStatus.PENDING);
        restart.start();
        clock.set(down.nextAttemptAt());
        Delivery done = Mirror.await(app, feed, "20260403T0900", "portal", DeliveryStatus.DONE);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.lastError()).isNull();
        assertThat(Fixtures.snapshot(remote)).as("no temporary file left behind").isEqualTo(Mirror.visible(portal));
    }
}
