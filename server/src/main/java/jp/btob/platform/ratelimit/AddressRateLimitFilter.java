package jp.btob.platform.ratelimit;

import java.util.List;

import jp.btob.platform.system.WebFilterOrder;
import jp.btob.platform.system.trace.RequestContext;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The limit per source address, right after the firewall and before authentication, so that
 * guessing passwords, codes or tokens costs a guesser its address's bucket whatever it sends.
 */
@Component
class AddressRateLimitFilter implements WebFilter, Ordered {

    private final RateLimiter limiter;

    AddressRateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String address = RequestContext.clientAddress(exchange);
        if (address == null) {
            return chain.filter(exchange);
        }
        return limiter.limit(exchange, chain, List.of(new RateLimiter.Key(KeyKind.ADDRESS, address)));
    }

    @Override
    public int getOrder() {
        return WebFilterOrder.ADDRESS_RATE_LIMIT.order();
    }
}
