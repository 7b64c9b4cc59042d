package jp.btob.platform.ratelimit;

import java.time.Clock;
import java.time.Instant;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;

/** The platform's one clock as Bucket4j's time source, and the bucket of a limit. */
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

    /** The whole capacity comes back at once at the end of each period. */
    static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillIntervally(limit.capacity(), limit.period()))
                .build();
    }
}
