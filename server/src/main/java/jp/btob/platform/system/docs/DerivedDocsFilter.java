package jp.btob.platform.system.docs;

import jp.btob.platform.system.WebFilterOrder;
import jp.btob.platform.system.problem.ProblemType;
import jp.btob.platform.system.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers 404 for the API document springdoc derives from the code. Swagger UI shows the spec
 * files under {@code /api-spec/}, the source of truth; only its configuration endpoint stays.
 */
@Component
class DerivedDocsFilter implements WebFilter, Ordered {

    private static final String DERIVED = "/v3/api-docs";

    private static final String SWAGGER_CONFIG = "/v3/api-docs/swagger-config";

    private final Problems problems;

    DerivedDocsFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.startsWith(DERIVED) && !path.equals(SWAGGER_CONFIG)) {
            return problems.write(exchange, ProblemType.NOT_FOUND, "There is nothing at this address.");
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return WebFilterOrder.DERIVED_DOCS.order();
    }
}
