package jp.btob.platform.operator;

import java.time.Duration;

import jp.btob.platform.api.OperatorAuthApi;
import jp.btob.platform.api.model.LoginRequest;
import jp.btob.platform.api.model.MfaVerifyRequest;
import jp.btob.platform.api.model.OperatorChallenge;
import jp.btob.platform.api.model.Session;
import jp.btob.platform.identity.SessionCookie;
import jp.btob.platform.system.Times;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class OperatorAuthController implements OperatorAuthApi {

    /** The cookie goes to the operators' API only, never to a company API. */
    private static final String COOKIE_PATH = "/api/v1/operator";

    private final OperatorLoginService logins;

    private final OperatorSecondFactor secondFactor;

    private final OperatorProperties properties;

    OperatorAuthController(OperatorLoginService logins, OperatorSecondFactor secondFactor, OperatorProperties properties) {
        this.logins = logins;
        this.secondFactor = secondFactor;
        this.properties = properties;
    }

    @Override
    public Mono<ResponseEntity<OperatorChallenge>> operatorLogin(Mono<LoginRequest> loginRequest, ServerWebExchange exchange) {
        return loginRequest
                .flatMap(request -> logins.login(request.getLoginId(), request.getPassword()))
                .map(challenge -> ResponseEntity.ok()
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(new OperatorChallenge(challenge.id(), Times.utc(challenge.expiresAt()))
                                .totpEnrolment(challenge.enrolment())));
    }

    @Override
    public Mono<ResponseEntity<Session>> operatorVerifyMfa(Mono<MfaVerifyRequest> mfaVerifyRequest,
                                                           ServerWebExchange exchange) {
        return mfaVerifyRequest
                .flatMap(request -> secondFactor.verify(request.getChallengeId(), request.getCode()))
                .map(issued -> ResponseEntity.ok()
                        .header(HttpHeaders.SET_COOKIE, cookie(issued.token(), properties.sessionLifetime()).toString())
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(new Session(issued.token(), Session.TokenTypeEnum.BEARER, Times.utc(issued.expiresAt()))));
    }

    @Override
    public Mono<ResponseEntity<Void>> operatorLogout(ServerWebExchange exchange) {
        return CurrentOperator.of(exchange)
                .flatMap(logins::logout)
                .thenReturn(ResponseEntity.noContent()
                        .header(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO).toString())
                        .<Void>build());
    }

    private ResponseCookie cookie(String value, Duration maxAge) {
        return SessionCookie.of(properties.cookieName(), COOKIE_PATH, value, maxAge);
    }
}
