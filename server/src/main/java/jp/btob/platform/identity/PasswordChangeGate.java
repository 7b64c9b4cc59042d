package jp.btob.platform.identity;

import jp.btob.platform.system.problem.ProblemType;
import jp.btob.platform.system.problem.Problems;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The one place that holds a session opened with an expired password to the password change
 * (SEC-PWEXP): with such a session, every API call but the change, {@code GET /api/v1/me} and
 * logout answers 403 {@code password-change-required}, whether the token came as bearer or cookie.
 * It runs in Spring Security's chain right after authentication, where the session is known.
 */
public final class PasswordChangeGate implements WebFilter {

    /** What a session that must change its password may still do. */
    private static final ServerWebExchangeMatcher OPEN = new OrServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.PUT, "/api/v1/me/password"),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/api/v1/me"),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/v1/auth/logout"));

    private static final ServerWebExchangeMatcher CLOSED = new AndServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers("/api/**"), new NegatedServerWebExchangeMatcher(OPEN));

    private final Problems problems;

    public PasswordChangeGate(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(authentication -> authentication instanceof SessionAuthentication session
                        && session.passwordChangeRequired())
                .flatMap(restricted -> CLOSED.matches(exchange))
                .map(ServerWebExchangeMatcher.MatchResult::isMatch)
                .defaultIfEmpty(false)
                .flatMap(closed -> closed
                        ? problems.write(exchange, ProblemType.PASSWORD_CHANGE_REQUIRED,
                                "Your password has expired. Change it with PUT /api/v1/me/password; until then this "
                                        + "session can only do that, read GET /api/v1/me and log out.")
                        : chain.filter(exchange));
    }
}
