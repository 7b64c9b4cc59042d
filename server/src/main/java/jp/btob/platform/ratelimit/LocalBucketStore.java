package jp.btob.platform.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import reactor.core.publisher.Mono;

/**
 * Buckets in this instance's memory, for the single-node default and while Redis fails. Bucket4j's
 * local buckets are lock-free. A full bucket is the same as no bucket, so every so often the full
 * ones are dropped: the map holds only the keys that used their limit within its period.
 */
final class LocalBucketStore implements BucketStore {

    private static final int SWEEP_EVERY = 4096;

    private final Map<String, Held> buckets = new ConcurrentHashMap<>();

    private final AtomicLong calls = new AtomicLong();

    private final TimeMeter time;

    LocalBucketStore(TimeMeter time) {
        this.time = time;
    }

    @Override
    public Mono<List<Decision>> consume(List<Take> takes) {
        return Mono.fromSupplier(() -> consumeNow(takes));
    }

    List<Decision> consumeNow(List<Take> takes) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        List<Decision> decisions = new ArrayList<>(takes.size());
        for (Take take : takes) {
            Decision decision = consumeOne(take.key(), take.limit());
            decisions.add(decision);
            if (!decision.allowed()) {
                break;
            }
        }
        return decisions;
    }

    private Decision consumeOne(String key, Limit limit) {
        Held held = buckets.computeIfAbsent(key, ignored -> new Held(limit, Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity())
                        .refillIntervally(limit.capacity(), limit.period()))
                .withCustomTimePrecision(time)
                .build()));
        return Decision.of(held.bucket().tryConsumeAndReturnRemaining(1), held.limit());
    }

    int size() {
        return buckets.size();
    }

    void sweep() {
        buckets.values().removeIf(held -> held.bucket().getAvailableTokens() >= held.limit().capacity());
    }

    private record Held(Limit limit, Bucket bucket) {
    }
}
