package jp.btob.platform.system.management;

import java.util.Map;

import jp.btob.platform.system.WebFilterOrder;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps the probes at the paths orchestrators already use on the public port. Actuator itself
 * lives on the management port; on the public port Boot answers the probes only at its
 * single-segment additional paths, {@code /livez} and {@code /readyz}.
 */
@Component
class ProbePathsFilter implements WebFilter, Ordered {

    private static final Map<String, String> PROBES = Map.of(
            "/actuator/health/liveness", "/livez",
            "/actuator/health/readiness", "/readyz");

    private final ManagementPort management;

    ProbePathsFilter(ManagementPort management) {
        this.management = management;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String probe = PROBES.get(exchange.getRequest().getPath().value());
        if (probe == null || management.received(exchange)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(request -> request.path(probe)).build());
    }

    @Override
    public int getOrder() {
        return WebFilterOrder.PROBE_PATHS.order();
    }
}
