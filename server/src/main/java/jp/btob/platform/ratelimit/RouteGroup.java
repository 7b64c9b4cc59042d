package jp.btob.platform.ratelimit;

import java.util.Set;

import jp.btob.platform.identity.SessionAuthenticationFilterFactory;
import jp.btob.platform.operator.OperatorAuthenticationFilterFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The kinds of request that share a limit: the steps of both logins and the single sign-on steps
 * that present a provider's answer (the SAML assertion consumer, the OIDC callback), where a
 * guesser or a replayer works (much stricter), changes, and reads.
 */
public enum RouteGroup {

    AUTH, WRITE, READ;

    private static final Set<String> AUTH_PATHS = authPaths();

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    /** The group of a request to the API. */
    public static RouteGroup of(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        String path = request.getPath().pathWithinApplication().value();
        if (HttpMethod.POST.equals(method) && AUTH_PATHS.contains(path) || presentsProviderAnswer(method, path)) {
            return AUTH;
        }
        return WRITES.contains(method) ? WRITE : READ;
    }

    private static boolean presentsProviderAnswer(HttpMethod method, String path) {
        return path.startsWith(SessionAuthenticationFilterFactory.SSO_PREFIX)
                && (HttpMethod.POST.equals(method) || path.endsWith("/callback"));
    }

    /** The name in settings and bucket keys. */
    public String key() {
        return name().toLowerCase();
    }

    private static Set<String> authPaths() {
        Set<String> paths = new java.util.HashSet<>(Set.of(SessionAuthenticationFilterFactory.PRE_SESSION_PATHS));
        paths.add(OperatorAuthenticationFilterFactory.LOGIN_PATH);
        return Set.copyOf(paths);
    }
}
