package jp.btob.platform.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a bucket's refusals once per window: a client hammering an empty bucket writes one line,
 * not one per request. Entries whose window has passed are dropped as the map grows.
 */
final class RefusalLog {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private static final int SWEEP_AT = 10_000;

    private final Map<String, Long> quietUntil = new ConcurrentHashMap<>();

    private final Clock clock;

    RefusalLog(Clock clock) {
        this.clock = clock;
    }

    void refused(RouteGroup group, RateLimiter.Key key, Decision decision) {
        long now = clock.millis();
        String bucket = RateLimiter.bucket(group, key);
        if (quietUntil.size() >= SWEEP_AT) {
            quietUntil.values().removeIf(until -> until <= now);
        }
        boolean[] first = {false};
        quietUntil.compute(bucket, (ignored, until) -> {
            if (until != null && until > now) {
                return until;
            }
            first[0] = true;
            return now + Math.max(1, decision.resetSeconds()) * 1000;
        });
        if (first[0]) {
            log.warn("Rate limit reached: {} requests by {} {}, limit {}; refused for {} s", group.key(),
                    key.kind().key(), key.id(), decision.limit(), decision.retryAfterSeconds());
        }
    }
}
