package jp.btob.platform.sso.saml;

import java.time.Clock;
import java.time.Duration;

import jp.btob.platform.system.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Removes expired AuthnRequests and assertion records every {@code btob.sso.saml.purge-interval}.
 * Every instance may run it: two runs at once delete each row once.
 */
@Component
class SamlPurgeJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SamlPurgeJob.class);

    private final SamlStateRepository repository;

    private final Duration interval;

    private final Clock clock;

    private final Periodic schedule = new Periodic();

    SamlPurgeJob(SamlStateRepository repository, SamlProperties properties, Clock clock) {
        this.repository = repository;
        this.interval = properties.purgeInterval();
        this.clock = clock;
    }

    @Override
    public void start() {
        if (interval.isZero()) {
            log.info("SAML state purge is not scheduled on this instance (btob.sso.saml.purge-interval is 0)");
            return;
        }
        schedule.start(interval, interval, () -> repository.purgeExpired(clock.instant()),
                failure -> log.error("SAML state purge failed; the next run tries again", failure));
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
