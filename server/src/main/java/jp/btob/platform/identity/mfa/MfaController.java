package jp.btob.platform.identity.mfa;

import jp.btob.platform.api.MfaApi;
import jp.btob.platform.api.model.MfaChoice;
import jp.btob.platform.api.model.MfaPhone;
import jp.btob.platform.api.model.MfaStatus;
import jp.btob.platform.api.model.TotpConfirm;
import jp.btob.platform.api.model.TotpEnrolment;
import jp.btob.platform.identity.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class MfaController implements MfaApi {

    private final MfaEnrolment enrolment;

    MfaController(MfaEnrolment enrolment) {
        this.enrolment = enrolment;
    }

    @Override
    public Mono<ResponseEntity<MfaStatus>> getMfa(ServerWebExchange exchange) {
        return CurrentUser.of(exchange).flatMap(enrolment::status).map(ResponseEntity::ok);
    }

    @Override
    public Mono<ResponseEntity<MfaStatus>> chooseMfa(Mono<MfaChoice> mfaChoice, ServerWebExchange exchange) {
        return CurrentUser.of(exchange).zipWith(mfaChoice)
                .flatMap(both -> enrolment.choose(both.getT1(), both.getT2().getChannel()))
                .map(ResponseEntity::ok);
    }

    @Override
    public Mono<ResponseEntity<MfaStatus>> setMfaPhone(Mono<MfaPhone> mfaPhone, ServerWebExchange exchange) {
        return CurrentUser.of(exchange).zipWith(mfaPhone)
                .flatMap(both -> enrolment.setPhone(both.getT1(), both.getT2().getPhoneNumber()))
                .map(ResponseEntity::ok);
    }

    @Override
    public Mono<ResponseEntity<TotpEnrolment>> enrolTotp(ServerWebExchange exchange) {
        return CurrentUser.of(exchange).flatMap(enrolment::enrolTotp)
                .map(body -> ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(body));
    }

    @Override
    public Mono<ResponseEntity<MfaStatus>> confirmTotp(Mono<TotpConfirm> totpConfirm, ServerWebExchange exchange) {
        return CurrentUser.of(exchange).zipWith(totpConfirm)
                .flatMap(both -> enrolment.confirmTotp(both.getT1(), both.getT2().getCode()))
                .map(ResponseEntity::ok);
    }
}
