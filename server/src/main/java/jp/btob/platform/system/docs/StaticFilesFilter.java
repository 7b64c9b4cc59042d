package jp.btob.platform.system.docs;

import java.util.List;

import jp.btob.platform.system.WebFilterOrder;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Swagger UI and the spec files are read from the jar, and Spring's resource handling reads
 * jar entries with blocking calls. Those requests are served on the bounded elastic scheduler
 * so that they never hold an event-loop thread; API requests are not affected.
 */
@Component
class StaticFilesFilter implements WebFilter, Ordered {

    private static final List<PathPattern> STATIC = List.of(
            PathPatternParser.defaultInstance.parse("/swagger-ui/**"),
            PathPatternParser.defaultInstance.parse("/swagger-ui.html"),
            PathPatternParser.defaultInstance.parse("/webjars/**"),
            PathPatternParser.defaultInstance.parse("/api-spec/**"));

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        for (PathPattern pattern : STATIC) {
            if (pattern.matches(path)) {
                return chain.filter(exchange).subscribeOn(Schedulers.boundedElastic());
            }
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return WebFilterOrder.STATIC_FILES.order();
    }
}
