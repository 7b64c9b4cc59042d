package jp.btob.platform.audit;

import java.time.Duration;

import jp.btob.platform.system.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the audit trail's expiry every {@code btob.audit.expiry-interval}, the first time a minute
 * after start-up at most. The timer ticks on the bounded-elastic scheduler, never an event loop;
 * a tick that comes while a run is still going is dropped. Every instance may run it: expiries
 * of one chain at once on two instances remove its events once.
 */
@Component
class AuditExpiryJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditExpiryJob.class);

    private static final Duration FIRST_RUN_AT_LATEST = Duration.ofMinutes(1);

    private final AuditRetention retention;

    private final Duration interval;

    private final Periodic schedule = new Periodic();

    AuditExpiryJob(AuditRetention retention, AuditProperties properties) {
        this.retention = retention;
        this.interval = properties.expiryInterval();
    }

    @Override
    public void start() {
        if (interval.isZero()) {
            log.info("Audit trail expiry is not scheduled on this instance (btob.audit.expiry-interval is 0)");
            return;
        }
        Duration first = interval.compareTo(FIRST_RUN_AT_LATEST) < 0 ? interval : FIRST_RUN_AT_LATEST;
        schedule.start(first, interval, retention::expireAll,
                failure -> log.error("Audit trail expiry failed; the next run tries again", failure));
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
