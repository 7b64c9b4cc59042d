package jp.btob.platform.permission;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The caller of a company-realm request, user or API client, for operations that need only its
 * company, its permissions and whom the audit trail names.
 */
public final class Callers {

    private Callers() {
    }

    /**
     * The company caller authenticated on this request, for the filters inside Spring Security's
     * chain, where it is in the Reactor context; empty for an operator or an anonymous request.
     */
    public static Mono<Caller> current() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .map(Authentication::getPrincipal)
                .filter(Caller.class::isInstance)
                .cast(Caller.class);
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
