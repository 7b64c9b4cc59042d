package jp.btob.platform.settings;

import jp.btob.platform.api.SecuritySettingsApi;
import jp.btob.platform.api.model.SecuritySettings;
import jp.btob.platform.api.model.SecuritySettingsUpdate;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.ETags;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class SecuritySettingsController implements SecuritySettingsApi {

    private final SecuritySettingsService settings;

    SecuritySettingsController(SecuritySettingsService settings) {
        this.settings = settings;
    }

    @Override
    public Mono<ResponseEntity<SecuritySettings>> getSecuritySettings(ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(settings::read)
                .map(SecuritySettingsController::answer);
    }

    @Override
    public Mono<ResponseEntity<SecuritySettings>> updateSecuritySettings(String ifMatch, Mono<SecuritySettingsUpdate> update,
                                                                         ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(user -> update.flatMap(body -> settings.update(user, SettingsMapper.settings(body), ifMatch)))
                .map(SecuritySettingsController::answer);
    }

    private static ResponseEntity<SecuritySettings> answer(VersionedSettings versioned) {
        return ResponseEntity.ok()
                .eTag(ETags.of(versioned.version()))
                .body(SettingsMapper.api(versioned));
    }
}
