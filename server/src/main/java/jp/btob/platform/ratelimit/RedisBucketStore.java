package jp.btob.platform.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import jp.btob.platform.system.management.PlatformMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Buckets in Redis, shared by every instance: one script ({@code take.lua}) takes a token from
 * each of a request's buckets in one atomic round trip, with the same windows as the local buckets
 * (the whole capacity back at the end of each period). Every call has a time limit and goes through
 * a circuit breaker; while Redis fails or the circuit is open, the local buckets answer, so the API
 * keeps answering with limits per instance. Each change of the circuit's state is logged once at
 * WARN and each request answered locally is counted.
 */
final class RedisBucketStore implements BucketStore, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisBucketStore.class);

    /** Takes the tokens; sent by its digest, and whole only when Redis does not hold it yet. */
    private static final String SCRIPT = script("take.lua");

    private static final String DIGEST = sha1(SCRIPT);

    /** Where the windows live under the prefix, apart from any other data kept there. */
    private static final String NAMESPACE = "window:";

    /** How long a bucket stays in Redis after its window ends: after that it is whole again anyway. */
    private static final Duration KEEP_AFTER_WINDOW = Duration.ofSeconds(10);

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final RedisClient client;

    private final String prefix;

    private final String address;

    private final Duration timeout;

    private final LocalBucketStore fallback;

    private final PlatformMetrics metrics;

    private final CircuitBreaker breaker;

    private final BucketClock time;

    private final Mono<RedisAsyncCommands<String, String>> commands;

    private volatile StatefulRedisConnection<String, String> connection;

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
        this.prefix = properties.keyPrefix() + NAMESPACE;
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
        this.commands = Mono.defer(() -> Mono.fromCompletionStage(client.connectAsync(StringCodec.UTF8, uri)))
                .subscribeOn(Schedulers.boundedElastic())
                .map(this::commands)
                .cache(made -> Duration.ofMillis(Long.MAX_VALUE), failed -> Duration.ZERO, () -> Duration.ZERO);
    }

    /**
     * Connects at start-up, waiting at most this long, so that the first requests find Redis ready;
     * a Redis not reachable then is logged, and the local buckets answer until it is.
     */
    void connect(Duration wait) {
        try {
            commands.block(wait);
        } catch (RuntimeException e) {
            log.warn("Redis at {} is not reachable at start-up ({}): rate limits are counted per instance, in local "
                    + "buckets, until it is", address, e.toString());
        }
    }

    private RedisAsyncCommands<String, String> commands(StatefulRedisConnection<String, String> made) {
        connection = made;
        return made.async();
    }

    @Override
    public Mono<List<Decision>> consume(List<Take> takes) {
        String[] keys = new String[takes.size()];
        String[] arguments = new String[2 + 2 * takes.size()];
        arguments[0] = Long.toString(time.currentTimeMillis());
        arguments[1] = Long.toString(KEEP_AFTER_WINDOW.toMillis());
        for (int i = 0; i < keys.length; i++) {
            Take take = takes.get(i);
            keys[i] = prefix + take.key();
            arguments[2 + 2 * i] = Long.toString(take.limit().capacity());
            arguments[3 + 2 * i] = Long.toString(take.limit().period().toMillis());
        }
        return commands
                .flatMap(redis -> Mono.fromCompletionStage(() -> redis.<List<Long>>evalsha(DIGEST, ScriptOutputType.MULTI, keys, arguments))
                        .onErrorResume(RedisNoScriptException.class, notLoaded -> Mono.fromCompletionStage(() ->
                                redis.<List<Long>>eval(SCRIPT, ScriptOutputType.MULTI, keys, arguments))))
                .timeout(timeout)
                .map(answers -> decisions(answers, takes))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorResume(failure -> {
                    metrics.rateLimitFallback();
                    log.debug("Rate limits of {} answered locally: {}", takes, failure.toString());
                    return fallback.consume(takes);
                });
    }

    /** Three numbers per bucket asked: taken or not, the tokens left, the milliseconds until its window ends. */
    private static List<Decision> decisions(List<Long> answers, List<Take> takes) {
        if (answers.isEmpty() || answers.size() % 3 != 0 || answers.size() / 3 > takes.size()) {
            throw new IllegalStateException("The rate-limit script answered " + answers + " for " + takes.size() + " buckets");
        }
        List<Decision> decisions = new ArrayList<>(answers.size() / 3);
        for (int i = 0; i < answers.size(); i += 3) {
            decisions.add(Decision.ofWindow(answers.get(i) == 1, takes.get(i / 3).limit().capacity(), answers.get(i + 1),
                    answers.get(i + 2)));
        }
        return decisions;
    }

    private static String script(String name) {
        try (InputStream in = RedisBucketStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The rate-limit script " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Redis names a script by the SHA-1 of its text. */
    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /**
     * Closes the connection and the client within {@link #CLOSE_WAIT}. The close runs on a daemon
     * thread of its own, so a shutdown never waits on a stuck connection longer than that.
     */
    @Override
    public void destroy() throws InterruptedException {
        StatefulRedisConnection<String, String> made = connection;
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
