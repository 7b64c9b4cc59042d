package jp.btob.platform.identity;

import java.time.Duration;

import jp.btob.platform.api.AuthApi;
import jp.btob.platform.api.model.LoginRequest;
import jp.btob.platform.api.model.LoginResponse;
import jp.btob.platform.api.model.MfaResendRequest;
import jp.btob.platform.api.model.MfaVerifyRequest;
import jp.btob.platform.identity.mfa.SecondFactors;
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

    private final SessionResponses responses;

    AuthController(LoginService logins, SessionProperties properties, SecondFactors secondFactors,
                   SessionResponses responses) {
        this.logins = logins;
        this.properties = properties;
        this.secondFactors = secondFactors;
        this.responses = responses;
    }

    @Override
    public Mono<ResponseEntity<LoginResponse>> login(Mono<LoginRequest> loginRequest, ServerWebExchange exchange) {
        return loginRequest
                .flatMap(request -> logins.login(request.getLoginId(), request.getPassword(), request.getChannel()))
                .map(outcome -> outcome.challenge() == null ? responses.signedIn(outcome.session())
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
                .map(responses::signedIn);
    }

    @Override
    public Mono<ResponseEntity<Void>> resendMfa(Mono<MfaResendRequest> mfaResendRequest, ServerWebExchange exchange) {
        return mfaResendRequest
                .flatMap(request -> secondFactors.resend(request.getChallengeId()))
                .thenReturn(ResponseEntity.noContent().build());
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
