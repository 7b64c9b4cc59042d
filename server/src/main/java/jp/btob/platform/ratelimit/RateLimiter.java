package jp.btob.platform.ratelimit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jp.btob.platform.system.management.PlatformMetrics;
import jp.btob.platform.system.management.PlatformMetrics.BlockReason;
import jp.btob.platform.system.problem.ProblemType;
import jp.btob.platform.system.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
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
        List<Key> counted = new ArrayList<>(keys.size());
        List<BucketStore.Take> takes = new ArrayList<>(keys.size());
        for (Key key : keys) {
            Limit limit = groupLimits.get(key.kind());
            if (limit != null) {
                counted.add(key);
                takes.add(new BucketStore.Take(bucket(group, key), limit));
            }
        }
        if (takes.isEmpty()) {
            return chain.filter(exchange);
        }
        return store.consume(takes).flatMap(decisions -> {
            int tightest = 0;
            for (int i = 1; i < decisions.size(); i++) {
                if (decisions.get(i).tighter(decisions.get(tightest)) == decisions.get(i)) {
                    tightest = i;
                }
            }
            return answer(exchange, chain, group, counted.get(tightest), decisions.get(tightest));
        });
    }

    private Mono<Void> answer(ServerWebExchange exchange, WebFilterChain chain, RouteGroup group, Key key,
                              Decision counted) {
        Decision earlier = exchange.getAttribute(TIGHTEST);
        Decision decision = counted.tighter(earlier);
        exchange.getAttributes().put(TIGHTEST, decision);
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(LIMIT, Long.toString(decision.limit()));
        headers.set(REMAINING, Long.toString(decision.remaining()));
        headers.set(RESET, Long.toString(decision.resetSeconds()));
        if (decision.allowed()) {
            return chain.filter(exchange);
        }
        metrics.requestBlocked(BlockReason.RATE_LIMIT);
        refusals.refused(group, key, decision);
        HttpHeaders retry = new HttpHeaders();
        retry.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        return problems.write(exchange, ProblemType.RATE_LIMITED, "Too many requests: try again in "
                + decision.retryAfterSeconds() + " seconds.", List.of(), retry);
    }

    /** The name of the bucket of this key in this group, in the store and in the log. */
    static String bucket(RouteGroup group, Key key) {
        return group.key() + ":" + key.kind().key() + ":" + key.id();
    }

    /** One bucket's key: its kind and whose it is (an address, a session or client, a company). */
    public record Key(KeyKind kind, String id) {
    }
}
