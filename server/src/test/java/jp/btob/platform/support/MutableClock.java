package jp.btob.platform.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The platform's clock in tests: real time, or a time that stands still ({@link #stoppedAt}),
 * plus whatever a test has moved it forward.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Null for real time. */
    private final Instant stopped;

    public MutableClock() {
        this(null);
    }

    private MutableClock(Instant stopped) {
        this.stopped = stopped;
    }

    /** A clock at {@code instant} that moves only when a test moves it. */
    public static MutableClock stoppedAt(Instant instant) {
        return new MutableClock(instant);
    }

    public void advance(Duration duration) {
        offset.accumulateAndGet(duration, Duration::plus);
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return (stopped != null ? stopped : Instant.now()).plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The platform works in UTC only");
    }
}
