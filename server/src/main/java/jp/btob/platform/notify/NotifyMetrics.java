package jp.btob.platform.notify;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code btob.notifications.backlog}: the PENDING rows of the outbox, as last counted by the
 * worker; {@code btob.notifications.deliveries}: attempts by channel and outcome, every series
 * registered at zero.
 */
class NotifyMetrics {

    /** What became of one claimed row. */
    enum Outcome { DELIVERED, RETRY, DEAD, DEFERRED, CANCELLED }

    private final AtomicLong backlog = new AtomicLong();

    private final Map<Channel, Map<Outcome, Counter>> deliveries = new EnumMap<>(Channel.class);

    NotifyMetrics(MeterRegistry registry) {
        Gauge.builder("btob.notifications.backlog", backlog, AtomicLong::get)
                .description("Notifications waiting in the outbox to be delivered").register(registry);
        for (Channel channel : Channel.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, Counter.builder("btob.notifications.deliveries")
                        .description("Claimed notifications by what became of them")
                        .tag("channel", channel.name()).tag("outcome", outcome.name()).register(registry));
            }
            deliveries.put(channel, byOutcome);
        }
    }

    void backlog(long pending) {
        backlog.set(pending);
    }

    void counted(Channel channel, Outcome outcome) {
        deliveries.get(channel).get(outcome).increment();
    }
}
