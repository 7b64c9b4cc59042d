package jp.btob.platform.system.trace;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What the platform knows of the request a piece of work serves: its trace ID and the client's
 * address. {@link TraceIdFilter} puts it in the Reactor context, so that code deep in a chain
 * (the audit log) reads it there instead of every caller passing it along.
 */
public record RequestContext(String traceId, String sourceAddress) {

    /** The request this chain serves; empty for work that no request started. */
    public static Mono<Optional<RequestContext>> current() {
        return Mono.deferContextual(context -> Mono.just(context.getOrEmpty(RequestContext.class)));
    }

    static RequestContext of(ServerWebExchange exchange, String traceId) {
        return new RequestContext(traceId, clientAddress(exchange));
    }

    /** The IP address as the peer connected from it, without a DNS lookup; null if unknown. */
    public static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return null;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
