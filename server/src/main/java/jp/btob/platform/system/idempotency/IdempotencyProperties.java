package jp.btob.platform.system.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How idempotency keys are kept (PLT-IDEM).
 *
 * @param retention     how long a key and its answer are kept; at least 24 hours, the time a
 *                      client is promised it may retry in
 * @param retryWait     how long a retry that finds the first request still being served waits
 *                      for its answer before answering 409 with {@code Retry-After}
 * @param purgeInterval how often this instance removes keys older than the retention; zero
 *                      leaves it to other instances
 */
@ConfigurationProperties("btob.idempotency")
public record IdempotencyProperties(Duration retention, Duration retryWait, Duration purgeInterval) {

    static final Duration FLOOR = Duration.ofHours(24);

    public IdempotencyProperties {
        retention = retention == null ? FLOOR : retention;
        retryWait = retryWait == null ? Duration.ofSeconds(5) : retryWait;
        purgeInterval = purgeInterval == null ? Duration.ofMinutes(15) : purgeInterval;
        if (retention.compareTo(FLOOR) < 0) {
            throw new IllegalArgumentException("btob.idempotency.retention (BTOB_IDEMPOTENCY_RETENTION) is " + retention
                    + ", less than the 24 hours clients are promised to retry in");
        }
        if (retryWait.isNegative() || retryWait.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("btob.idempotency.retry-wait (BTOB_IDEMPOTENCY_RETRY_WAIT) must be"
                    + " between 0 and 30s, not " + retryWait);
        }
        if (purgeInterval.isNegative()) {
            throw new IllegalArgumentException("btob.idempotency.purge-interval (BTOB_IDEMPOTENCY_PURGE_INTERVAL) must be"
                    + " positive, or 0 to leave the purge to other instances, not " + purgeInterval);
        }
    }
}
