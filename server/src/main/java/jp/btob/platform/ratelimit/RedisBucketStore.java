package jp.btob.platform.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import jp.btob.platform.system.management.PlatformMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Buckets in Redis, shared by every instance (Bucket4j's Lettuce proxy, compare-and-swap, all
 * asynchronous). Every call has a time limit and goes through a circuit breaker; while Redis
 * fails or the circuit is open, the local buckets answer, so the API keeps answering with limits
 * per instance. Each change of the circuit's state is logged once at WARN and each request
 * answered locally is counted.
 */
final class RedisBucketStore implements BucketStore, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisBucketStore.class);

    /** How long a bucket stays in Redis after it is whole again. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final RedisClient client;

    private final String prefix;

    private final String address;

    private final Duration timeout;

    private final LocalBucketStore fallback;

    private final PlatformMetrics metrics;

    private final CircuitBreaker breaker;

    private final BucketClock time;

    private final Map<Limit, CompletableFuture<BucketConfiguration>> configurations = new ConcurrentHashMap<>();

    private final Mono<AsyncProxyManager<byte[]>> proxies;

    private volatile StatefulRedisConnection<byte[], byte[]> connection;

    RedisBucketStore(RateLimitProperties properties, BucketClock time, LocalBucketStore fallback,
                     PlatformMetrics metrics) {
        RedisURI uri = RedisURI.create(properties.redisUrl());
        this.address = uri.getHost() + ":" + uri.getPort();
        uri.setTimeout(properties.redisTimeout());
        this.client = RedisClient.create(uri);
        // Commands sent while the connection is down fail at once instead of queueing behind it.
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        this.time = time;
        this.prefix = properties.keyPrefix();
        this.timeout = properties.redisTimeout();
        this.fallback = fallback;
        this.metrics = metrics;
        this.breaker = CircuitBreaker.of("rate-limit-redis", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .permittedNumberOfCallsInHalfOpenState(2)
                .waitDurationInOpenState(properties.redisOpenFor())
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN -> log.warn("Redis at {} fails: rate limits are counted per instance, in local buckets, "
                        + "until it answers again", address);
                case CLOSED -> log.warn("Redis at {} answers again: rate limits are shared by every instance", address);
                default -> log.debug("Rate-limit circuit {}", event.getStateTransition());
            }
        });
        // Connecting resolves the host, which may block: never on an event loop. A failed connection
        // is tried again by the next call the circuit lets through; a made one reconnects by itself.
        this.proxies = Mono.defer(() -> Mono.fromCompletionStage(client.connectAsync(ByteArrayCodec.INSTANCE, uri)))
                .subscribeOn(Schedulers.boundedElastic())
                .map(this::proxies)
                .cache(made -> Duration.ofMillis(Long.MAX_VALUE), failed -> Duration.ZERO, () -> Duration.ZERO);
    }

    /**
     * Connects at start-up, waiting at most this long, so that the first requests find Redis ready;
     * a Redis not reachable then is logged, and the local buckets answer until it is.
     */
    void connect(Duration wait) {
        try {
            proxies.block(wait);
        } catch (RuntimeException e) {
            log.warn("Redis at {} is not reachable at start-up ({}): rate limits are counted per instance, in local "
                    + "buckets, until it is", address, e.toString());
        }
    }

    private AsyncProxyManager<byte[]> proxies(StatefulRedisConnection<byte[], byte[]> made) {
        connection = made;
        return Bucket4jLettuce.casBasedBuilder(made)
                .clientClock(time)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .build()
                .asAsync();
    }

    @Override
    public Mono<Decision> consume(String key, Limit limit) {
        byte[] redisKey = (prefix + key).getBytes(StandardCharsets.UTF_8);
        return proxies
                .flatMap(manager -> Mono.fromCompletionStage(() -> manager.builder()
                        .build(redisKey, () -> configurations.computeIfAbsent(limit,
                                ignored -> CompletableFuture.completedFuture(BucketClock.configuration(limit))))
                        .tryConsumeAndReturnRemaining(1)))
                .timeout(timeout)
                .map(probe -> Decision.of(probe, limit))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorResume(failure -> {
                    metrics.rateLimitFallback();
                    log.debug("Rate limit of {} answered locally: {}", key, failure.toString());
                    return fallback.consume(key, limit);
                });
    }

    /**
     * Closes the connection and the client within {@link #CLOSE_WAIT}. Lettuce can spin without end
     * when the connection is closed while a bucket's compare-and-swap callback writes its next
     * command, so the close runs on a daemon thread of its own and a shutdown never waits on it
     * longer than that.
     */
    @Override
    public void destroy() throws InterruptedException {
        StatefulRedisConnection<byte[], byte[]> made = connection;
        Thread closer = new Thread(() -> {
            if (made != null) {
                made.close();
            }
            client.shutdown(Duration.ZERO, CLOSE_WAIT);
        }, "rate-limit-redis-close");
        closer.setDaemon(true);
        closer.start();
        closer.join(CLOSE_WAIT.toMillis());
        if (closer.isAlive()) {
            log.warn("The rate limits' Redis client did not close within {}; shutdown goes on without it", CLOSE_WAIT);
        }
    }
}
