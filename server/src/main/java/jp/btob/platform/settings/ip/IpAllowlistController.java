package jp.btob.platform.settings.ip;

import java.util.List;

import jp.btob.platform.api.IpAllowlistApi;
import jp.btob.platform.api.model.IpAllowlist;
import jp.btob.platform.api.model.IpAllowlistUpdate;
import jp.btob.platform.permission.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class IpAllowlistController implements IpAllowlistApi {

    private final IpAllowlistService allowlists;

    IpAllowlistController(IpAllowlistService allowlists) {
        this.allowlists = allowlists;
    }

    @Override
    public Mono<ResponseEntity<IpAllowlist>> getIpAllowlist(ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(allowlists::read)
                .map(entries -> ResponseEntity.ok(new IpAllowlist(entries)));
    }

    @Override
    public Mono<ResponseEntity<IpAllowlist>> updateIpAllowlist(Mono<IpAllowlistUpdate> update, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(user -> update.flatMap(body -> allowlists.update(user,
                        body.getEntries() == null ? List.of() : body.getEntries(),
                        Boolean.TRUE.equals(body.getConfirmLockout()))))
                .map(entries -> ResponseEntity.ok(new IpAllowlist(entries)));
    }
}
