package jp.btob.platform.ratelimit;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.SecondInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Hooks;

import static jp.btob.platform.ratelimit.RateLimitSteps.body;
import static jp.btob.platform.ratelimit.RateLimitSteps.freshAddress;
import static jp.btob.platform.ratelimit.RateLimitSteps.header;
import static jp.btob.platform.ratelimit.RateLimitSteps.attempt;
import static jp.btob.platform.ratelimit.RateLimitSteps.me;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits across instances (DR-HA): two instances on one Redis count into one bucket, and an
 * instance whose Redis is gone falls back to its local buckets and keeps answering. The Redis is
 * {@code BTOB_TEST_REDIS_URL}, by default the one on 127.0.0.1:6379; each test uses a key prefix of its own.
 */
class SharedRateLimitTests extends IntegrationTest {

    private static final String REDIS = System.getenv().getOrDefault("BTOB_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private static final String WRONG = "Wrong#Guess-2026";

    @Test
    @DisplayName("[SEC-RATE] two instances on one Redis (login limit 5 per address): a client alternating between them gets exactly 5 answers, then 429 on both; 12 attempts at once across both from another address: exactly 5")
    void twoInstancesWhenOneRedisThenOneLimit() throws Exception {
        Map<String, Object> settings = redisSettings(REDIS);
        try (SecondInstance a = secondInstance(settings); SecondInstance b = secondInstance(settings)) {
            String client = freshAddress();
            List<Integer> statuses = new ArrayList<>();
            for (int attempt = 0; attempt < 10; attempt++) {
                SecondInstance instance = attempt % 2 == 0 ? a : b;
                statuses.add(attempt(instance.client(), client, "nobody-" + client, WRONG).getStatus().value());
            }
            assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429, 429, 429, 429, 429);

            String racer = freshAddress();
            List<CompletableFuture<Integer>> attempts = new ArrayList<>();
            for (int attempt = 0; attempt < 12; attempt++) {
                WebTestClient instance = (attempt % 2 == 0 ? a : b).client();
                attempts.add(CompletableFuture.supplyAsync(() ->
                        attempt(instance, racer, "nobody-" + racer, WRONG).getStatus().value()));
            }
            List<Integer> raced = new ArrayList<>();
            for (CompletableFuture<Integer> attempt : attempts) {
                raced.add(attempt.get());
            }
            assertThat(raced).filteredOn(status -> status == 401).hasSize(5);
            assertThat(raced).filteredOn(status -> status == 429).hasSize(7);
            assertThat(fallbacks(a) + fallbacks(b)).isZero();
        }
    }

    @Test
    @DisplayName("[SEC-RATE] with its Redis unreachable an instance falls back to local buckets: every answer is the API's (no 500), the limit still holds per instance, and the fallback is counted")
    void redisWhenUnreachableThenLocalBucketsAndTheApiAnswers() throws IOException {
        TestCompany company = fixtures.company("株式会社代替");
        String token = login(company.staffLoginId());
        try (SecondInstance alone = secondInstance(redisSettings("redis://127.0.0.1:" + closedPort()))) {
            String address = freshAddress();
            List<Integer> statuses = new ArrayList<>();
            for (int attempt = 0; attempt < 7; attempt++) {
                EntityExchangeResult<byte[]> answer = attempt(alone.client(), address, company.staffLoginId() + "-x", WRONG);
                statuses.add(answer.getStatus().value());
                assertThat(header(answer, "RateLimit-Limit")).isEqualTo(5);
            }
            assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429, 429);
            EntityExchangeResult<byte[]> read = me(alone.client(), token, freshAddress());
            assertThat(read.getStatus().value()).isEqualTo(200);
            assertThat(body(read)).contains(company.staffLoginId());
            assertThat(fallbacks(alone)).isGreaterThanOrEqualTo(8);
        }
    }

    @Test
    @DisplayName("[SEC-RATE] a Redis that stalls past the time limit (CLIENT PAUSE): the local bucket answers in time, and Redis's failure arriving after the limit is settled quietly, not dropped as an error nobody handles")
    void redisWhenStalledThenLocalAnswerAndNoDroppedError() throws Exception {
        Map<String, Object> settings = new HashMap<>(redisSettings(REDIS));
        settings.put("btob.rate-limit.redis-timeout", "150ms");
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        try (SecondInstance instance = secondInstance(settings);
             RedisClient redis = RedisClient.create(REDIS);
             StatefulRedisConnection<String, String> admin = redis.connect()) {
            assertThat(attempt(instance.client(), freshAddress(), "nobody-warm", WRONG).getStatus().value()).isEqualTo(401);
            Hooks.onErrorDropped(dropped::add);
            admin.sync().clientPause(1_500);
            long started = System.nanoTime();
            EntityExchangeResult<byte[]> stalled = attempt(instance.client(), freshAddress(), "nobody-stalled", WRONG);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(stalled.getStatus().value()).isEqualTo(401);
            assertThat(tookMillis).as("answered by the local bucket, not after the pause").isLessThan(1_400);
            // Past the connection's own time limit (twice the call's) and the end of the pause.
            Thread.sleep(2_000);
            assertThat(fallbacks(instance)).isGreaterThanOrEqualTo(1);
            assertThat(dropped).as("errors dropped after the time limit").isEmpty();
        } finally {
            Hooks.resetOnErrorDropped();
        }
    }

    private static Map<String, Object> redisSettings(String url) {
        return Map.of(
                "btob.http.trusted-proxies", "127.0.0.1/32,::1/128",
                "btob.rate-limit.redis-url", url,
                "btob.rate-limit.key-prefix", "btob-test:" + UUID.randomUUID() + ":",
                "btob.rate-limit.auth.address", "5/1h",
                // Generous for a loaded test machine: this test is about one count, not about time limits.
                "btob.rate-limit.redis-timeout", "3s");
    }

    private static double fallbacks(SecondInstance instance) {
        return instance.bean(MeterRegistry.class).get("btob.ratelimit.fallbacks").counter().count();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
