package jp.btob.platform.identity;

import java.util.List;
import java.util.function.BiConsumer;

import jp.btob.platform.apiclient.ApiClientAuthentication;
import jp.btob.platform.apiclient.ApiClientCaller;
import jp.btob.platform.apiclient.ApiClientAuthenticator;
import jp.btob.platform.apiclient.ApiClientSecrets;
import jp.btob.platform.system.management.PlatformMetrics;
import jp.btob.platform.system.management.PlatformMetrics.BlockReason;
import jp.btob.platform.system.problem.ProblemType;
import jp.btob.platform.system.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.WebFilterChainServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Builds the filters that turn a session token into an authenticated caller: the company users'
 * one here, and, through {@link #create(ServerWebExchangeMatcher, String, ReactiveAuthenticationManager, BiConsumer)},
 * that of any other realm, so that every realm reads tokens and refuses bad ones alike.
 */
@Component
public class SessionAuthenticationFilterFactory {

    public static final String LOGIN_PATH = "/api/v1/auth/login";

    /** What comes before a session: the login, and the theme and second-factor steps around it. */
    public static final String[] PRE_SESSION_PATHS = {LOGIN_PATH, "/api/v1/auth/identify", "/api/v1/auth/mfa/verify",
            "/api/v1/auth/mfa/resend"};

    /** Single sign-on's public steps (start, the providers' callbacks, a login page's buttons), by any method. */
    public static final String SSO_PREFIX = "/api/v1/sso/";

    /** The same, as a path pattern. */
    public static final String SSO_PATHS = SSO_PREFIX + "**";

    private final SessionAuthenticationManager manager;

    private final ApiClientAuthenticator apiClients;

    private final SessionProperties properties;

    private final Problems problems;

    private final PlatformMetrics metrics;

    SessionAuthenticationFilterFactory(SessionAuthenticationManager manager, ApiClientAuthenticator apiClients,
                                       SessionProperties properties, Problems problems, PlatformMetrics metrics) {
        this.manager = manager;
        this.apiClients = apiClients;
        this.properties = properties;
        this.problems = problems;
        this.metrics = metrics;
    }

    /**
     * The company users' filter, for the API but the login and the paths of the other realms: a
     * company token is never even looked at where another realm's token is expected, nor on the
     * documentation, whose files are read off the event loop and need no session. A bearer value
     * with the API client secrets' prefix is an API client's secret, any other a session token.
     */
    public AuthenticationWebFilter create(ServerWebExchangeMatcher otherRealms) {
        // A stale cookie must not stop anyone from logging in again, nor from the steps around the login,
        // single sign-on's included.
        ServerWebExchangeMatcher applies = new AndServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers("/api/**"),
                new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, PRE_SESSION_PATHS)),
                new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(SSO_PATHS)),
                new NegatedServerWebExchangeMatcher(otherRealms));
        ReactiveAuthenticationManager company = authentication -> {
            String token = (String) authentication.getCredentials();
            return ApiClientSecrets.looksLike(token) ? apiClients.authenticate(token) : manager.authenticate(authentication);
        };
        return create(applies, properties.cookieName(), company, (exchange, authentication) -> {
            if (authentication instanceof SessionAuthentication session) {
                CurrentUser.remember(exchange, session.getPrincipal());
            }
            else if (authentication instanceof ApiClientAuthentication client) {
                ApiClientCaller.remember(exchange, client.getPrincipal());
            }
        });
    }

    /**
     * A filter that authenticates the requests {@code applies} matches with the bearer token, or
     * else the cookie named {@code cookieName}, checked by {@code manager}; {@code remember}
     * records the caller on the exchange for the access log.
     */
    public AuthenticationWebFilter create(ServerWebExchangeMatcher applies, String cookieName,
                                          ReactiveAuthenticationManager manager,
                                          BiConsumer<ServerWebExchange, Authentication> remember) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
        filter.setServerAuthenticationConverter(new SessionTokenConverter(cookieName));
        filter.setRequiresAuthenticationMatcher(applies);
        ServerAuthenticationSuccessHandler proceed = new WebFilterChainServerAuthenticationSuccessHandler();
        filter.setAuthenticationSuccessHandler((webFilterExchange, authentication) -> {
            remember.accept(webFilterExchange.getExchange(), authentication);
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
