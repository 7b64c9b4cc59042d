package jp.btob.platform.identity;

import jp.btob.platform.api.MeApi;
import jp.btob.platform.api.model.Me;
import jp.btob.platform.api.model.Party;
import jp.btob.platform.system.Times;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class MeController implements MeApi {

    private final UserRepository users;

    MeController(UserRepository users) {
        this.users = users;
    }

    @Override
    public Mono<ResponseEntity<Me>> getMe(ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(user -> users.findProfile(user.userId()))
                .map(profile -> ResponseEntity.ok(new Me(profile.id(), profile.loginId(), profile.displayName(),
                        profile.email(), profile.role(),
                        new Party(profile.companyId(), profile.companyCode(), profile.companyName()))
                        .lastLoginAt(Times.utc(profile.lastLoginAt()))));
    }
}
