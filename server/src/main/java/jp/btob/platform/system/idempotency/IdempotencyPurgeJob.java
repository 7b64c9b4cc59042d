package jp.btob.platform.system.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jp.btob.platform.system.Periodic;
import jp.btob.platform.system.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Removes idempotency keys older than {@code btob.idempotency.retention} every
 * {@code btob.idempotency.purge-interval}, and claims left in progress for ten minutes by an
 * instance that stopped while serving them. Every instance may run it.
 */
@Component
public class IdempotencyPurgeJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurgeJob.class);

    /** Far longer than any create takes; a claim this old was left behind. */
    private static final Duration ABANDONED = Duration.ofMinutes(10);

    private final IdempotencyRepository keys;

    private final IdempotencyProperties properties;

    private final Clock clock;

    private final Periodic schedule = new Periodic();

    IdempotencyPurgeJob(IdempotencyRepository keys, IdempotencyProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** One purge, now; answers how many keys it removed. */
    public Mono<Long> purge() {
        Instant now = Times.now(clock);
        return keys.purge(now.minus(properties.retention()), now.minus(ABANDONED));
    }

    @Override
    public void start() {
        Duration interval = properties.purgeInterval();
        if (!interval.isZero()) {
            schedule.start(interval, interval, this::purge,
                    failure -> log.error("Idempotency key purge failed; the next run tries again", failure));
        }
    }

    @Override
    public void stop() {
        schedule.stop();
    }

    @Override
    public boolean isRunning() {
        return schedule.running();
    }
}
