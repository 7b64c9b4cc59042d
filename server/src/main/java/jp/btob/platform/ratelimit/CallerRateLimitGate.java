package jp.btob.platform.ratelimit;

import java.util.List;

import jp.btob.platform.apiclient.ApiClientCaller;
import jp.btob.platform.identity.CurrentUser;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.permission.Callers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The limits per caller (a session, or an API client) and per company, in Spring Security's
 * chain after the IP allow-list, where the caller is known, and before authorization. Requests
 * without a company caller (the logins, the operators' realm) pass: the address limit counted them.
 */
public final class CallerRateLimitGate implements WebFilter {

    private final RateLimiter limiter;

    public CallerRateLimitGate(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return Callers.current()
                .map(caller -> List.of(new RateLimiter.Key(KeyKind.CALLER, callerId(caller)),
                        new RateLimiter.Key(KeyKind.COMPANY, caller.companyId().toString())))
                .defaultIfEmpty(List.of())
                .flatMap(keys -> keys.isEmpty() ? chain.filter(exchange) : limiter.limit(exchange, chain, keys));
    }

    private static String callerId(Caller caller) {
        if (caller instanceof CurrentUser user) {
            return "session:" + user.sessionId();
        }
        if (caller instanceof ApiClientCaller client) {
            return "client:" + client.clientId();
        }
        return caller.actor().type() + ":" + caller.actor().id();
    }
}
