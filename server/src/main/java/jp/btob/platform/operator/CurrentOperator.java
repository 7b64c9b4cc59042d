package jp.btob.platform.operator;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Which operator is calling, and the session the call came with. */
public record CurrentOperator(UUID operatorId, UUID sessionId) {

    private static final String ATTRIBUTE = CurrentOperator.class.getName();

    /** The operator behind an authenticated request; a company user's request has none. */
    public static Mono<CurrentOperator> of(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(OperatorAuthentication.class::isInstance)
                .map(principal -> ((OperatorAuthentication) principal).getPrincipal())
                .switchIfEmpty(Mono.error(() -> new AuthenticationCredentialsNotFoundException("No operator session")));
    }

    /** The operator, for code that runs outside Spring Security's chain (the access log). */
    public static Optional<CurrentOperator> authenticated(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    static void remember(ServerWebExchange exchange, CurrentOperator operator) {
        exchange.getAttributes().put(ATTRIBUTE, operator);
    }
}
