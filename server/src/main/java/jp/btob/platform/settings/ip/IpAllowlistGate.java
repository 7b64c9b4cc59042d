package jp.btob.platform.settings.ip;

import jp.btob.platform.audit.Actor;
import jp.btob.platform.identity.CurrentUser;
import jp.btob.platform.identity.SessionAuthentication;
import jp.btob.platform.system.problem.ProblemType;
import jp.btob.platform.system.problem.Problems;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Holds every request of a company session to its company's IP allow-list (SEC-IP), whether the
 * token came as bearer or cookie: outside the list it answers 403 {@code ip-not-allowed} and
 * records {@code ip.block}. It runs in Spring Security's chain right after authentication, where
 * the session's company is known; the list is read from the database on every request.
 */
public final class IpAllowlistGate implements WebFilter {

    private final IpAllowlistService allowlists;

    private final Problems problems;

    public IpAllowlistGate(IpAllowlistService allowlists, Problems problems) {
        this.allowlists = allowlists;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(SessionAuthentication.class::isInstance)
                .map(authentication -> ((SessionAuthentication) authentication).getPrincipal())
                .flatMap(user -> allowlists.permits(user.companyId())
                        .flatMap(permitted -> permitted ? chain.filter(exchange) : block(exchange, user))
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true)))
                .then();
    }

    private Mono<Void> block(ServerWebExchange exchange, CurrentUser user) {
        String what = exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value();
        return allowlists.recordBlock(user.companyId(), Actor.user(user.userId()), "session", user.sessionId(),
                        what.length() <= 200 ? what : what.substring(0, 200))
                .then(problems.write(exchange, ProblemType.IP_NOT_ALLOWED,
                        "Your company does not allow calls from this address."));
    }
}
