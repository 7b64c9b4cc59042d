package jp.btob.platform.incident;

import java.time.Duration;
import java.time.Instant;

import jp.btob.platform.api.model.NotificationPromise;

/**
 * The promise of whitepaper 5-3-2: affected companies are notified within 24 hours of the first
 * detection. Judged from what was recorded, never from the time of reading, so a verdict never changes.
 */
final class NotificationClock {

    static final Duration PROMISE = Duration.ofHours(24);

    private NotificationClock() {
    }

    static Instant deadline(Instant detectedAt) {
        return detectedAt.plus(PROMISE);
    }

    /** Kept when the notice was published by the deadline, the deadline itself included. */
    static NotificationPromise judge(Instant notifiedAt, Instant deadline) {
        return notifiedAt.isAfter(deadline) ? NotificationPromise.MISSED : NotificationPromise.KEPT;
    }
}
