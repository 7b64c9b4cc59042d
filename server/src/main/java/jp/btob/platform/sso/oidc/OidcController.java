package jp.btob.platform.sso.oidc;

import java.time.Duration;
import java.util.UUID;

import jp.btob.platform.api.SsoOidcApi;
import jp.btob.platform.api.model.LoginResponse;
import jp.btob.platform.identity.SessionResponses;
import jp.btob.platform.sso.PublicUrl;
import jp.btob.platform.sso.SsoProperties;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Signing in through an OpenID Connect provider: the start sends the browser to the provider
 * with a state cookie, the callback answers as the password login does.
 */
@RestController
class OidcController implements SsoOidcApi {

    static final String STATE_COOKIE = "BTOB_SSO_STATE";

    /** Sent back only to the callback; Lax, since the provider's redirect is a cross-site navigation. */
    private static final String COOKIE_PATH = "/api/v1/sso/oidc/";

    private final OidcSignIns signIns;

    private final SessionResponses responses;

    private final PublicUrl urls;

    private final SsoProperties properties;

    OidcController(OidcSignIns signIns, SessionResponses responses, PublicUrl urls, SsoProperties properties) {
        this.signIns = signIns;
        this.responses = responses;
        this.urls = urls;
        this.properties = properties;
    }

    @Override
    public Mono<ResponseEntity<Void>> startOidcSignIn(UUID providerId, ServerWebExchange exchange) {
        return signIns.start(providerId, urls.of(exchange, PATH_COMPLETE_OIDC_SIGN_IN))
                .map(started -> ResponseEntity.status(HttpStatus.FOUND)
                        .location(started.location())
                        .header(HttpHeaders.SET_COOKIE, stateCookie(started.browserCookie(), properties.stateLifetime()).toString())
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build());
    }

    @Override
    public Mono<ResponseEntity<LoginResponse>> completeOidcSignIn(String code, String state, String error,
                                                                  ServerWebExchange exchange) {
        HttpCookie browser = exchange.getRequest().getCookies().getFirst(STATE_COOKIE);
        return signIns.complete(code, state, error, browser == null ? null : browser.getValue())
                .map(issued -> responses.signedIn(issued, stateCookie("", Duration.ZERO)));
    }

    private static ResponseCookie stateCookie(String value, Duration maxAge) {
        return ResponseCookie.from(STATE_COOKIE, value)
                .httpOnly(true)
                .secure(true)
                .sameSite("Lax")
                .path(COOKIE_PATH)
                .maxAge(maxAge)
                .build();
    }
}
