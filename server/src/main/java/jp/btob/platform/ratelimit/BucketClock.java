package jp.btob.platform.ratelimit;

import java.time.Clock;
import java.time.Instant;

import io.github.bucket4j.TimeMeter;

/** The platform's one clock as Bucket4j's time source, and as the time a shared bucket is counted at. */
final class BucketClock implements TimeMeter {

    private final Clock clock;

    BucketClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }

    long currentTimeMillis() {
        return clock.millis();
    }
}
