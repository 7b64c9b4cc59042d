package jp.btob.platform.identity;

import java.time.Duration;

import jp.btob.platform.api.AuthApi;
import jp.btob.platform.api.model.LoginRequest;
import jp.btob.platform.api.model.LoginResponse;
import jp.btob.platform.api.model.MfaResendRequest;
import jp.btob.platform.api.model.MfaVerifyRequest;
import jp.btob.platform.identity.LoginService.IssuedSession;
import jp.btob.platform.identity.mfa.SecondFactors;
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

    private final SecondFactors secondFactors;

    AuthController(LoginService logins, SessionProperties properties, SecondFactors secondFactors) {
        this.logins = logins;
        this.properties = properties;
        this.secondFactors = secondFactors;
    }

    @Override
    public Mono<ResponseEntity<LoginResponse>> login(Mono<LoginRequest> loginRequest, ServerWebExchange exchange) {
        return loginRequest
                .flatMap(request -> logins.login(request.getLoginId(), request.getPassword(), request.getChannel()))
                .map(outcome -> outcome.challenge() == null ? session(outcome.session())
                        : ResponseEntity.ok()
                                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                                .body(new LoginResponse()
                                        .passwordChangeRequired(false)
                                        .mfaRequired(true)
                                        .challengeId(outcome.challenge().id())
                                        .channel(outcome.challenge().channel())));
    }

    @Override
    public Mono<ResponseEntity<LoginResponse>> verifyMfa(Mono<MfaVerifyRequest> mfaVerifyRequest, ServerWebExchange exchange) {
        return mfaVerifyRequest
                .flatMap(request -> logins.verifySecondFactor(request.getChallengeId(), request.getCode()))
                .map(this::session);
    }

    @Override
    public Mono<ResponseEntity<Void>> resendMfa(Mono<MfaResendRequest> mfaResendRequest, ServerWebExchange exchange) {
        return mfaResendRequest
                .flatMap(request -> secondFactors.resend(request.getChallengeId()))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private ResponseEntity<LoginResponse> session(IssuedSession issued) {
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, cookie(issued.token(), properties.lifetime()).toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new LoginResponse()
                        .token(issued.token())
                        .tokenType(LoginResponse.TokenTypeEnum.BEARER)
                        .expiresAt(Times.utc(issued.expiresAt()))
                        .passwordChangeRequired(issued.passwordChangeRequired())
                        .mfaRequired(false));
    }

    @Override
    public Mono<ResponseEntity<Void>> logout(ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(logins::logout)
                .thenReturn(ResponseEntity.noContent()
                        .header(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO).toString())
                        .<Void>build());
    }

    private ResponseCookie cookie(String value, Duration maxAge) {
        return SessionCookie.of(properties.cookieName(), "/", value, maxAge);
    }
}
