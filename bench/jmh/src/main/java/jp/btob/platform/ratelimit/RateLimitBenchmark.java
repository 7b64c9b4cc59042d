package jp.btob.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jp.btob.platform.system.management.PlatformMetrics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One rate-limit check (SEC-RATE), through the stores {@code RateLimiter} uses, in this instance's
 * memory and in Redis: a token taken from one caller's bucket, and from a caller's and its company's
 * buckets together, as an authenticated request is counted. The buckets are large enough never to
 * empty, so every check is the common case, a request let on. The Redis benchmark needs
 * a Redis at {@code btob.bench.redis} (default {@code redis://127.0.0.1:6379}); without one it
 * fails at once saying so, and a run in which any check fell back to local buckets is discarded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RateLimitBenchmark {

    private static final String REDIS = System.getProperty("btob.bench.redis", "redis://127.0.0.1:6379");

    /** Longer than the 250 ms default, so that a loaded machine does not turn a Redis check into a local one. */
    private static final Duration PATIENT = Duration.ofSeconds(2);

    private static final Limit NEVER_EMPTY = Limit.parse("1000000000/1d");

    /** One caller's bucket of the read group, as {@code RateLimiter} names it. */
    private static final List<BucketStore.Take> ONE = List.of(
            new BucketStore.Take("read:caller:" + UUID.randomUUID(), NEVER_EMPTY));

    /** A caller's and its company's buckets, as the caller's gate counts a request. */
    private static final List<BucketStore.Take> TWO = List.of(
            new BucketStore.Take("read:caller:" + UUID.randomUUID(), NEVER_EMPTY),
            new BucketStore.Take("read:company:" + UUID.randomUUID(), NEVER_EMPTY));

    private LocalBucketStore local;

    /** The Redis store, with its own metrics, to tell a check answered locally from one answered by Redis. */
    @State(Scope.Benchmark)
    public static class Redis {

        private final String prefix = "btob:bench:" + UUID.randomUUID() + ":";

        private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

        private RedisBucketStore store;

        private RedisClient admin;

        private StatefulRedisConnection<String, String> connection;

        @Setup(Level.Trial)
        public void connect() {
            admin = RedisClient.create(RedisURI.create(REDIS));
            admin.setDefaultTimeout(Duration.ofSeconds(1));
            try {
                connection = admin.connect();
                connection.sync().ping();
            } catch (RuntimeException unreachable) {
                admin.shutdown();
                throw new IllegalStateException("SKIPPED: no Redis answers at " + REDIS + " (set -Dbtob.bench.redis=redis://host:port); "
                        + "the Redis rate-limit benchmark needs one", unreachable);
            }
            BucketClock time = new BucketClock(Clock.systemUTC());
            store = new RedisBucketStore(new RateLimitProperties(null, null, null, null, REDIS, prefix, PATIENT, null), time,
                    new LocalBucketStore(time), new PlatformMetrics(registry));
            store.connect(Duration.ofSeconds(5));
            List<Decision> first = store.consume(ONE).block();
            if (first == null || !first.get(0).allowed() || connection.sync().keys(prefix + "*").size() != 1) {
                throw new IllegalStateException("The check was not answered by Redis at " + REDIS);
            }
        }

        @TearDown(Level.Trial)
        public void close() throws InterruptedException {
            double fallbacks = registry.get("btob.ratelimit.fallbacks").counter().count();
            try {
                connection.sync().keys(prefix + "*").forEach(found -> connection.sync().del(found));
                store.destroy();
            } finally {
                connection.close();
                admin.shutdown();
            }
            if (fallbacks > 0) {
                throw new IllegalStateException((long) fallbacks + " checks fell back to local buckets: the result does "
                        + "not measure Redis");
            }
        }
    }

    @Setup
    public void setUp() {
        local = new LocalBucketStore(new BucketClock(Clock.systemUTC()));
    }

    @Benchmark
    public List<Decision> local() {
        return local.consume(ONE).block();
    }

    @Benchmark
    public List<Decision> localCallerAndCompany() {
        return local.consume(TWO).block();
    }

    @Benchmark
    public List<Decision> redis(Redis redis) {
        return redis.store.consume(ONE).block();
    }

    @Benchmark
    public List<Decision> redisCallerAndCompany(Redis redis) {
        return redis.store.consume(TWO).block();
    }
}
