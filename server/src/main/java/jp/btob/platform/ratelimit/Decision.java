package jp.btob.platform.ratelimit;

import java.util.concurrent.TimeUnit;

import io.github.bucket4j.ConsumptionProbe;

/**
 * What one bucket answered for one request: whether it may go on, the bucket's capacity, what is
 * left, in how many seconds the bucket is whole again and, when refused, in how many seconds to retry.
 */
public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    static Decision of(ConsumptionProbe probe, Limit limit) {
        return new Decision(probe.isConsumed(), limit.capacity(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    /** The answer of a bucket whose window ends in this many milliseconds; a refused request retries then. */
    static Decision ofWindow(boolean allowed, long limit, long remaining, long millisToReset) {
        long resetSeconds = seconds(TimeUnit.MILLISECONDS.toNanos(millisToReset));
        return new Decision(allowed, limit, remaining, resetSeconds, allowed ? 0 : Math.max(1, resetSeconds));
    }

    /** The tighter of two answers: a refusal, else the one with less left, else the one that resets later. */
    Decision tighter(Decision other) {
        if (other == null) {
            return this;
        }
        if (allowed != other.allowed) {
            return allowed ? other : this;
        }
        if (remaining != other.remaining) {
            return remaining < other.remaining ? this : other;
        }
        return resetSeconds >= other.resetSeconds ? this : other;
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
