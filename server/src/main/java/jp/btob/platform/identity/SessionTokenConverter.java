package jp.btob.platform.identity;

import jp.btob.platform.apiclient.ApiClientSecrets;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads the session token from {@code Authorization: Bearer}, or else from the session cookie
 * that browsers carry. A request with neither stays anonymous. An API client's secret is a
 * bearer token only: no browser should ever hold one.
 */
public class SessionTokenConverter implements ServerAuthenticationConverter {

    private static final String BEARER = "Bearer ";

    private final String cookieName;

    public SessionTokenConverter(String cookieName) {
        this.cookieName = cookieName;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Mono.error(new BadCredentialsException("Only bearer tokens are accepted"));
            }
            return token(authorization.substring(BEARER.length()).trim());
        }
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(cookieName);
        if (cookie != null && ApiClientSecrets.looksLike(cookie.getValue())) {
            return Mono.error(new BadCredentialsException("API client secrets are accepted as bearer tokens only"));
        }
        return cookie == null ? Mono.empty() : token(cookie.getValue());
    }

    private static Mono<Authentication> token(String token) {
        if (token.isEmpty() || token.length() > SessionTokens.MAX_TOKEN_LENGTH) {
            return Mono.error(new BadCredentialsException("Malformed token"));
        }
        return Mono.just(new SessionTokenAuthentication(token));
    }
}
