package jp.btob.platform.ratelimit;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.btob.platform.system.management.PlatformMetrics;
import jp.btob.platform.system.management.PlatformMetrics.BlockReason;
import jp.btob.platform.system.problem.ProblemType;
import jp.btob.platform.system.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Takes a token from each bucket a request counts against and answers for the tightest: the
 * {@code RateLimit-*} headers on the response, and 429 {@code rate-limited} with {@code Retry-After}
 * once one bucket is empty. A refusal is not audited (each would be a write an attacker causes);
 * it is counted and logged once per bucket and window.
 */
@Component
public class RateLimiter {

    static final String LIMIT = "RateLimit-Limit";

    static final String REMAINING = "RateLimit-Remaining";

    static final String RESET = "RateLimit-Reset";

    private static final String TIGHTEST = RateLimiter.class.getName() + ".tightest";

    private final boolean enabled;

    private final Map<RouteGroup, Map<KeyKind, Limit>> limits = new EnumMap<>(RouteGroup.class);

    private final BucketStore store;

    private final Problems problems;

    private final PlatformMetrics metrics;

    private final RefusalLog refusals;

    RateLimiter(RateLimitProperties properties, BucketStore store, Problems problems, PlatformMetrics metrics,
                Clock clock) {
        this.enabled = properties.enabled();
        for (RouteGroup group : RouteGroup.values()) {
            Map<KeyKind, Limit> kinds = new EnumMap<>(KeyKind.class);
            for (KeyKind kind : KeyKind.values()) {
                Limit limit = properties.limit(group, kind);
                if (limit != null) {
                    kinds.put(kind, limit);
                }
            }
            limits.put(group, kinds);
        }
        this.store = store;
        this.problems = problems;
        this.metrics = metrics;
        this.refusals = new RefusalLog(clock);
    }

    /** Only the API is limited: not the documentation files, nor the probes. */
    static boolean applies(ServerHttpRequest request) {
        return request.getPath().pathWithinApplication().value().startsWith("/api/");
    }

    /** Counts the request against the buckets of these keys, in order, and lets it on or answers 429. */
    public Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, List<Key> keys) {
        if (!enabled || !applies(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        RouteGroup group = RouteGroup.of(exchange.getRequest());
        Map<KeyKind, Limit> groupLimits = limits.get(group);
        return Flux.fromIterable(keys)
                .filter(key -> groupLimits.containsKey(key.kind()))
                .concatMap(key -> store.consume(group.key() + ":" + key.kind().key() + ":" + key.id(),
                                groupLimits.get(key.kind()))
                        .map(decision -> new Counted(key, decision)))
                .takeUntil(counted -> !counted.decision().allowed())
                .reduce((tightest, counted) -> counted.decision().tighter(tightest.decision()) == counted.decision()
                        ? counted : tightest)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(counted -> counted.isEmpty() ? chain.filter(exchange) : answer(exchange, chain, group, counted.get()));
    }

    private Mono<Void> answer(ServerWebExchange exchange, WebFilterChain chain, RouteGroup group, Counted counted) {
        Decision earlier = exchange.getAttribute(TIGHTEST);
        Decision decision = counted.decision().tighter(earlier);
        exchange.getAttributes().put(TIGHTEST, decision);
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(LIMIT, Long.toString(decision.limit()));
        headers.set(REMAINING, Long.toString(decision.remaining()));
        headers.set(RESET, Long.toString(decision.resetSeconds()));
        if (decision.allowed()) {
            return chain.filter(exchange);
        }
        metrics.requestBlocked(BlockReason.RATE_LIMIT);
        refusals.refused(group, counted.key(), decision);
        HttpHeaders retry = new HttpHeaders();
        retry.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        return problems.write(exchange, ProblemType.RATE_LIMITED, "Too many requests: try again in "
                + decision.retryAfterSeconds() + " seconds.", List.of(), retry);
    }

    /** One bucket's key: its kind and whose it is (an address, a session or client, a company). */
    public record Key(KeyKind kind, String id) {
    }

    private record Counted(Key key, Decision decision) {
    }
}
