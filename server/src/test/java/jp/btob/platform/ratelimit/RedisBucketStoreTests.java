package jp.btob.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jp.btob.platform.ratelimit.BucketStore.Take;
import jp.btob.platform.support.MutableClock;
import jp.btob.platform.system.management.PlatformMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared buckets' script against a real Redis ({@code BTOB_TEST_REDIS_URL}, by default the one
 * on 127.0.0.1:6379), on a clock the test sets: the same answers as the local buckets, one count
 * for every instance, and a request's buckets taken together or not past the first empty one.
 */
class RedisBucketStoreTests {

    private static final String REDIS = System.getenv().getOrDefault("BTOB_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private static final Instant START = Instant.parse("2026-04-01T00:00:00.000Z");

    private final String prefix = "btob-test:" + UUID.randomUUID() + ":";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final MutableClock clock = MutableClock.stoppedAt(START);

    private final List<RedisBucketStore> stores = new ArrayList<>();

    private RedisClient admin;

    private StatefulRedisConnection<String, String> connection;

    @BeforeEach
    void connect() {
        admin = RedisClient.create(REDIS);
        connection = admin.connect();
    }

    @AfterEach
    void close() throws InterruptedException {
        for (RedisBucketStore store : stores) {
            store.destroy();
        }
        List<String> keys = connection.sync().keys(prefix + "*");
        if (!keys.isEmpty()) {
            connection.sync().del(keys.toArray(String[]::new));
        }
        connection.close();
        admin.shutdown();
    }

    @Test
    @DisplayName("[SEC-RATE] a shared bucket of 3 a minute: 3 tokens with 2, 1, 0 left, then 429 with Retry-After to the window's end; the whole capacity back at the end; windows follow one another from the first token")
    void bucketWhenEmptiedThenRefusedUntilItsWindowEnds() {
        RedisBucketStore store = store(clock);
        List<Take> take = List.of(new Take("read:caller:one", Limit.parse("3/1m")));

        assertThat(one(store, take)).isEqualTo(new Decision(true, 3, 2, 60, 0));
        clock.advance(Duration.ofSeconds(10));
        assertThat(one(store, take)).isEqualTo(new Decision(true, 3, 1, 50, 0));
        assertThat(one(store, take)).isEqualTo(new Decision(true, 3, 0, 50, 0));
        clock.advance(Duration.ofMillis(20_500));
        assertThat(one(store, take)).isEqualTo(new Decision(false, 3, 0, 30, 30));
        clock.advance(Duration.ofMillis(29_499));
        assertThat(one(store, take)).as("1 ms before the window ends").isEqualTo(new Decision(false, 3, 0, 1, 1));
        clock.advance(Duration.ofMillis(1));
        assertThat(one(store, take)).as("at the window's end").isEqualTo(new Decision(true, 3, 2, 60, 0));
        clock.advance(Duration.ofSeconds(90));
        assertThat(one(store, take)).as("windows keep their rhythm from the first token")
                .isEqualTo(new Decision(true, 3, 2, 30, 0));
        assertThat(fallbacks()).isZero();
    }

    @Test
    @DisplayName("[SEC-RATE] a request's buckets in one call: those before the first empty bucket keep the token taken, those after it are not touched, and the answers stop at the refusal")
    void bucketsWhenOneIsEmptyThenLaterOnesUntouched() {
        RedisBucketStore store = store(clock);
        Take address = new Take("read:address:192.0.2.1", Limit.parse("100/1m"));
        Take caller = new Take("read:caller:session:s", Limit.parse("1/1m"));
        Take company = new Take("read:company:c", Limit.parse("100/1m"));

        assertThat(store.consume(List.of(address, caller, company)).block()).extracting(Decision::allowed)
                .containsExactly(true, true, true);
        List<Decision> refused = store.consume(List.of(address, caller, company)).block();

        assertThat(refused).extracting(Decision::allowed).containsExactly(true, false);
        assertThat(used(address)).isEqualTo("2");
        assertThat(used(caller)).isEqualTo("1");
        assertThat(used(company)).as("not counted past the refusal").isEqualTo("1");
    }

    @Test
    @DisplayName("[SEC-RATE] two instances on one Redis, 40 requests at once against a bucket of 10: exactly 10 let on, whatever the interleaving")
    void instancesWhenRacingThenOneCount() throws Exception {
        RedisBucketStore a = store(clock);
        RedisBucketStore b = store(clock);
        List<Take> take = List.of(new Take("auth:address:198.51.100.7", Limit.parse("10/1h")),
                new Take("auth:company:racing", Limit.parse("1000/1h")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Decision>>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                RedisBucketStore store = i % 2 == 0 ? a : b;
                calls.add(() -> store.consume(take).block());
            }
            long allowed = 0;
            for (Future<List<Decision>> answer : pool.invokeAll(calls)) {
                allowed += answer.get().get(answer.get().size() - 1).allowed() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(10);
            assertThat(used(take.get(1))).as("the company counted only the requests the address let through").isEqualTo("10");
        } finally {
            pool.shutdownNow();
        }
        assertThat(fallbacks()).isZero();
    }

    @Test
    @DisplayName("[SEC-RATE] the shared buckets answer exactly as the local ones, request by request, over 3,000 random requests against buckets of 1 to 4 tokens a second to 5 seconds, in random order and at random times")
    void redisWhenRandomRequestsThenSameAnswersAsLocal() {
        RedisBucketStore redis = store(clock);
        LocalBucketStore local = new LocalBucketStore(new BucketClock(clock));
        Random random = new Random(20261127L);
        List<Take> buckets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            buckets.add(new Take("read:caller:random-" + i, new Limit(1 + random.nextInt(4), Duration.ofSeconds(1 + random.nextInt(5)))));
        }
        // Redis drops a bucket 10 s after its window ends by its own clock, the local store keeps it:
        // the run stays well within those 10 s of real time, so that both keep the same windows.
        long started = System.nanoTime();
        for (int request = 0; request < 3_000; request++) {
            clock.advance(Duration.ofMillis(random.nextInt(4) == 0 ? random.nextInt(2_500) : random.nextInt(40)));
            List<Take> takes = new ArrayList<>(buckets);
            Collections.shuffle(takes, random);
            takes = takes.subList(0, 1 + random.nextInt(3));
            assertThat(redis.consume(takes).block()).as("request %d, %s", request, takes).isEqualTo(local.consumeNow(takes));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
        assertThat(fallbacks()).isZero();
    }

    @Test
    @DisplayName("[SEC-RATE] a bucket stays in Redis only until 10 s after its window ends, and a Redis that lost the script (SCRIPT FLUSH, a restart) is sent it again without a local answer")
    void bucketWhenWindowEndsThenExpiresAndScriptReloads() {
        RedisBucketStore store = store(clock);
        Take take = new Take("write:caller:client:x", Limit.parse("5/30s"));
        store.consume(List.of(take)).block();
        long ttl = connection.sync().pttl(key(take));
        assertThat(ttl).isBetween(30_000L, 40_000L);
        clock.advance(Duration.ofSeconds(20));
        store.consume(List.of(take)).block();
        assertThat(connection.sync().pttl(key(take))).as("10 s of window left plus 10 s").isBetween(10_000L, 20_000L);

        connection.sync().scriptFlush();
        assertThat(store.consume(List.of(take)).block()).extracting(Decision::remaining).containsExactly(2L);
        assertThat(fallbacks()).isZero();
    }

    @Test
    @DisplayName("[SEC-RATE] an instance whose clock runs 40 s behind the one that opened a window is told to wait at most a period, and counts into the same window")
    void instanceWhenClockBehindThenWaitAtMostAPeriod() {
        RedisBucketStore ahead = store(clock);
        MutableClock behindClock = MutableClock.stoppedAt(START.minusSeconds(40));
        RedisBucketStore behind = store(behindClock);
        Take take = new Take("auth:address:203.0.113.9", Limit.parse("2/1m"));

        ahead.consume(List.of(take)).block();
        assertThat(behind.consume(List.of(take)).block()).containsExactly(new Decision(true, 2, 0, 60, 0));
        assertThat(behind.consume(List.of(take)).block()).containsExactly(new Decision(false, 2, 0, 60, 60));
        assertThat(ahead.consume(List.of(take)).block()).containsExactly(new Decision(false, 2, 0, 60, 60));
    }

    private RedisBucketStore store(Clock time) {
        RedisBucketStore store = new RedisBucketStore(new RateLimitProperties(null, null, null, null, REDIS, prefix,
                Duration.ofSeconds(3), null), new BucketClock(time), new LocalBucketStore(new BucketClock(time)),
                new PlatformMetrics(registry));
        store.connect(Duration.ofSeconds(5));
        stores.add(store);
        return store;
    }

    private static Decision one(RedisBucketStore store, List<Take> take) {
        List<Decision> decisions = store.consume(take).block();
        assertThat(decisions).hasSize(1);
        return decisions.get(0);
    }

    private String key(Take take) {
        return prefix + "window:" + take.key();
    }

    private String used(Take take) {
        return connection.sync().hget(key(take), "u");
    }

    private double fallbacks() {
        return registry.get("btob.ratelimit.fallbacks").counter().count();
    }
}
