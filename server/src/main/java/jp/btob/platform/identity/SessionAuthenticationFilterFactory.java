package jp.btob.platform.identity;

import jp.btob.platform.system.management.PlatformMetrics;
import jp.btob.platform.system.management.PlatformMetrics.BlockReason;
import jp.btob.platform.system.problem.ProblemType;
import jp.btob.platform.system.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.WebFilterChainServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.stereotype.Component;

import java.util.List;

/** Builds the filter that turns a session token into an authenticated caller. */
@Component
public class SessionAuthenticationFilterFactory {

    public static final String LOGIN_PATH = "/api/v1/auth/login";

    private final SessionAuthenticationManager manager;

    private final SessionProperties properties;

    private final Problems problems;

    private final PlatformMetrics metrics;

    SessionAuthenticationFilterFactory(SessionAuthenticationManager manager, SessionProperties properties,
                                       Problems problems, PlatformMetrics metrics) {
        this.manager = manager;
        this.properties = properties;
        this.problems = problems;
        this.metrics = metrics;
    }

    public AuthenticationWebFilter create() {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
        filter.setServerAuthenticationConverter(new SessionTokenConverter(properties.cookieName()));
        // A stale cookie must not stop anyone from logging in again.
        filter.setRequiresAuthenticationMatcher(new NegatedServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, LOGIN_PATH)));
        ServerAuthenticationSuccessHandler proceed = new WebFilterChainServerAuthenticationSuccessHandler();
        filter.setAuthenticationSuccessHandler((webFilterExchange, authentication) -> {
            CurrentUser.remember(webFilterExchange.getExchange(), ((SessionAuthentication) authentication).getPrincipal());
            return proceed.onAuthenticationSuccess(webFilterExchange, authentication);
        });
        filter.setAuthenticationFailureHandler((webFilterExchange, failure) -> {
            metrics.requestBlocked(BlockReason.INVALID_TOKEN);
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            return problems.write(webFilterExchange.getExchange(), ProblemType.UNAUTHENTICATED,
                    "The session has ended or the token is not valid. Log in again.", List.of(), headers);
        });
        return filter;
    }
}
