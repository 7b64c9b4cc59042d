package jp.btob.platform.operator;

import java.time.Clock;

import jp.btob.platform.identity.SessionAuthenticationFilterFactory;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.stereotype.Component;

/** Builds the filter that authenticates operator tokens, on the operators' paths only. */
@Component
public class OperatorAuthenticationFilterFactory {

    /** Every path of the operators' realm. */
    public static final String PATHS = "/api/v1/operator/**";

    public static final String LOGIN_PATH = "/api/v1/operator/auth/login";

    /** The two steps of an operator login, open to callers with no session. */
    public static final String[] PRE_SESSION_PATHS = {LOGIN_PATH, "/api/v1/operator/auth/mfa"};

    /** The requests of the operators' realm, where no company token is looked at. */
    public static final ServerWebExchangeMatcher REALM = ServerWebExchangeMatchers.pathMatchers(PATHS);

    private final SessionAuthenticationFilterFactory sessions;

    private final OperatorAuthenticationManager manager;

    private final OperatorProperties properties;

    OperatorAuthenticationFilterFactory(SessionAuthenticationFilterFactory sessions,
                                        OperatorSessionRepository operatorSessions, Clock clock,
                                        OperatorProperties properties) {
        this.sessions = sessions;
        this.manager = new OperatorAuthenticationManager(operatorSessions, clock);
        this.properties = properties;
    }

    public AuthenticationWebFilter create() {
        ServerWebExchangeMatcher applies = new AndServerWebExchangeMatcher(REALM,
                new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, PRE_SESSION_PATHS)));
        return sessions.create(applies, properties.cookieName(), manager, (exchange, authentication) ->
                CurrentOperator.remember(exchange, ((OperatorAuthentication) authentication).getPrincipal()));
    }
}
