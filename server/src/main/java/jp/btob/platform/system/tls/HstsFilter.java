package jp.btob.platform.system.tls;

import java.time.Duration;

import jp.btob.platform.system.WebFilterOrder;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Strict-Transport-Security on every response, whichever filter or handler answers it: the header
 * is added just before the response is committed, so that even answers given before Spring
 * Security's chain runs carry it (whitepaper 2-2-2).
 */
@Component
class HstsFilter implements WebFilter, Ordered {

    static final Duration MAX_AGE = Duration.ofDays(365);

    static final String HEADER = "Strict-Transport-Security";

    static final String VALUE = "max-age=" + MAX_AGE.toSeconds() + "; includeSubDomains";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, VALUE);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return WebFilterOrder.HSTS.order();
    }
}
