package jp.btob.platform.settings.ip;

import java.util.UUID;

import jp.btob.platform.identity.CurrentUser;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.problem.ProblemType;
import jp.btob.platform.system.problem.Problems;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Holds every request of a company caller to its company's IP allow-list (SEC-IP), people and
 * API clients alike, whether the token came as bearer or cookie: outside the list it answers 403
 * {@code ip-not-allowed} and records {@code ip.block}. It runs in Spring Security's chain right
 * after authentication, where the caller's company is known. The list is read on every request,
 * in the statement that finds the caller's session or API client, so it costs no statement of its own.
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
        return Callers.current()
                .flatMap(caller -> allowlists.permits(caller)
                        .flatMap(permitted -> permitted ? chain.filter(exchange) : block(exchange, caller))
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true)))
                .then();
    }

    private Mono<Void> block(ServerWebExchange exchange, Caller caller) {
        String what = exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value();
        // A person's request is blocked in their session; an API client's in the client itself.
        boolean session = caller instanceof CurrentUser;
        UUID target = caller instanceof CurrentUser user ? user.sessionId() : caller.actor().id();
        return allowlists.recordBlock(caller.companyId(), caller.actor(), session ? "session" : "api-client", target,
                        what.length() <= 200 ? what : what.substring(0, 200))
                .then(problems.write(exchange, ProblemType.IP_NOT_ALLOWED,
                        "Your company does not allow calls from this address."));
    }
}
