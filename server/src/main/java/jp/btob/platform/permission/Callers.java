package jp.btob.platform.permission;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The caller of a company-realm request, user or API client, for operations that need only its
 * company, its permissions and whom the audit trail names.
 */
public final class Callers {

    private Callers() {
    }

    public static Mono<Caller> of(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(Authentication.class::isInstance)
                .map(principal -> ((Authentication) principal).getPrincipal())
                .filter(Caller.class::isInstance)
                .cast(Caller.class)
                .switchIfEmpty(Mono.error(() -> new AuthenticationCredentialsNotFoundException("No company caller")));
    }
}
