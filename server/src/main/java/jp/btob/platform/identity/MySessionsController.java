package jp.btob.platform.identity;

import java.util.UUID;

import jp.btob.platform.api.MySessionsApi;
import jp.btob.platform.api.model.UserSessionList;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class MySessionsController implements MySessionsApi {

    private final SessionService sessions;

    MySessionsController(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public Mono<ResponseEntity<UserSessionList>> listMySessions(ServerWebExchange exchange) {
        return CurrentUser.of(exchange).flatMap(user -> sessions.mine(user).collectList()
                .map(list -> ResponseEntity.ok(SessionMapper.toList(list, user.sessionId()))));
    }

    @Override
    public Mono<ResponseEntity<Void>> endMySession(UUID sessionId, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(user -> sessions.endMine(user, sessionId))
                .thenReturn(ResponseEntity.noContent().build());
    }
}
