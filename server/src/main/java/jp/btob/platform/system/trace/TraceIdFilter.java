package jp.btob.platform.system.trace;

import jp.btob.platform.system.WebFilterOrder;
import jp.btob.platform.system.net.ClientAddresses;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Gives every request a fresh trace ID and answers it in {@code X-Trace-Id}. A trace ID sent
 * by the client is ignored, so that nobody can make their requests look like another's in the logs.
 * The ID and the client's address, resolved once here by {@link ClientAddresses}, also go into
 * the Reactor context as a {@link RequestContext}.
 */
@Component
public class TraceIdFilter implements WebFilter, Ordered {

    private final ClientAddresses addresses;

    TraceIdFilter(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String traceId = TraceIds.newTraceId();
        exchange.getAttributes().put(TraceIds.ATTRIBUTE, traceId);
        exchange.getResponse().getHeaders().set(TraceIds.HEADER, traceId);
        return chain.filter(exchange)
                .contextWrite(Context.of(RequestContext.class, RequestContext.of(exchange, traceId, addresses)));
    }

    @Override
    public int getOrder() {
        return WebFilterOrder.TRACE.order();
    }
}
