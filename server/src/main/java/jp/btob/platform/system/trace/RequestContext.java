package jp.btob.platform.system.trace;

import java.util.Optional;

import jp.btob.platform.system.net.ClientAddresses;

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

    static final String ADDRESS_ATTRIBUTE = RequestContext.class.getName() + ".clientAddress";

    /** Resolves the client's address once per request and keeps it on the exchange. */
    static RequestContext of(ServerWebExchange exchange, String traceId, ClientAddresses addresses) {
        String address = addresses.of(exchange.getRequest());
        if (address != null) {
            exchange.getAttributes().put(ADDRESS_ATTRIBUTE, address);
        }
        return new RequestContext(traceId, address);
    }

    /**
     * The client's IP address as {@link ClientAddresses} resolved it for this request, without a
     * DNS lookup; null if unknown.
     */
    public static String clientAddress(ServerWebExchange exchange) {
        return exchange.getAttribute(ADDRESS_ATTRIBUTE);
    }
}
