package ru.gov.tomsk.opendata.publish;

import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One poll route per target ({@code outbox-<target>}), each on its own timer thread: a target that is slow or
 * down holds back only its own deliveries. A tick waits for the previous one of the same target to finish.
 */
@Component
class OutboxRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRoutes.class);

    private final Outbox outbox;
    private final DeliveryTargets targets;
    private final PublishProperties properties;

    OutboxRoutes(Outbox outbox, DeliveryTargets targets, PublishProperties properties) {
        this.outbox = outbox;
        this.targets = targets;
        this.properties = properties;
    }

    @Override
    public void configure() {
        long period = properties.outbox().pollInterval().toMillis();
        long heartbeat = outbox.heartbeatInterval().toMillis();
        // on its own timer thread: a poll busy with a long upload must not make the node look dead
        from("timer:opendata-outbox-heartbeat?delay=" + heartbeat + "&period=" + heartbeat)
                .routeId("outbox-heartbeat")
                .process(exchange -> heartbeat());
        for (String target : targets.names()) {
            from("timer:opendata-outbox-" + target + "?delay=" + period + "&period=" + period)
                    .routeId("outbox-" + target)
                    .process(exchange -> poll(target));
        }
    }

    private void heartbeat() {
        try {
            outbox.heartbeat();
        } catch (RuntimeException e) {
            LOG.warn("Outbox heartbeat failed: {}", e.getMessage());
        }
    }

    private void poll(String target) {
        try {
            outbox.sendDue(target);
        } catch (RuntimeException e) {
            // the state database is away; the rows wait, and the next tick tries again
            LOG.warn("Outbox poll of target {} failed: {}", target, e.getMessage());
        }
    }
}
