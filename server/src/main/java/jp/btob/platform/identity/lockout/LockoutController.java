package jp.btob.platform.identity.lockout;

import java.util.UUID;

import jp.btob.platform.api.LockoutApi;
import jp.btob.platform.permission.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class LockoutController implements LockoutApi {

    private final Lockout lockout;

    LockoutController(Lockout lockout) {
        this.lockout = lockout;
    }

    @Override
    public Mono<ResponseEntity<Void>> unlockUser(UUID userId, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(admin -> lockout.unlock(admin, userId))
                .thenReturn(ResponseEntity.noContent().build());
    }
}
