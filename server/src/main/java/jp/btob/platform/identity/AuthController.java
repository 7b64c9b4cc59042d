package jp.btob.platform.identity;

import java.time.Duration;

import jp.btob.platform.api.AuthApi;
import jp.btob.platform.api.model.LoginRequest;
import jp.btob.platform.api.model.LoginResponse;
import jp.btob.platform.system.Times;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class AuthController implements AuthApi {

    private final LoginService logins;

    private final SessionProperties properties;

    AuthController(LoginService logins, SessionProperties properties) {
        this.logins = logins;
        this.properties = properties;
    }

    @Override
    public Mono<ResponseEntity<LoginResponse>> login(Mono<LoginRequest> loginRequest, ServerWebExchange exchange) {
        return loginRequest
                .flatMap(request -> logins.login(request.getLoginId(), request.getPassword()))
                .map(issued -> ResponseEntity.ok()
                        .header(HttpHeaders.SET_COOKIE, cookie(issued.token(), properties.lifetime()).toString())
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(new LoginResponse()
                                .token(issued.token())
                                .tokenType(LoginResponse.TokenTypeEnum.BEARER)
                                .expiresAt(Times.utc(issued.expiresAt()))
                                .passwordChangeRequired(issued.passwordChangeRequired())
                                .mfaRequired(false)));
    }

    @Override
    public Mono<ResponseEntity<Void>> logout(ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(logins::logout)
                .thenReturn(ResponseEntity.noContent()
                        .header(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO).toString())
                        .<Void>build());
    }

    /** The token for browsers: out of reach of scripts, sent over TLS only, never cross-site. */
    private ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(properties.cookieName(), value)
                .httpOnly(true)
                .secure(true)
                .sameSite("Strict")
                .path("/")
                .maxAge(maxAge)
                .build();
    }
}
