package jp.btob.platform.identity;

import java.util.UUID;

import jp.btob.platform.api.CompanySessionsApi;
import jp.btob.platform.api.model.UserSessionList;
import jp.btob.platform.permission.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class CompanySessionsController implements CompanySessionsApi {

    private final SessionService sessions;

    CompanySessionsController(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public Mono<ResponseEntity<UserSessionList>> listCompanySessions(ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(admin -> sessions.ofCompany(admin).collectList()
                .map(list -> ResponseEntity.ok(SessionMapper.toList(list,
                        admin instanceof CurrentUser user ? user.sessionId() : null))));
    }

    @Override
    public Mono<ResponseEntity<Void>> endCompanySession(UUID sessionId, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(admin -> sessions.endInCompany(admin, sessionId))
                .thenReturn(ResponseEntity.noContent().build());
    }
}
