package jp.btob.platform.attachment;

import jp.btob.platform.api.AttachmentSettingsApi;
import jp.btob.platform.api.model.AttachmentSettings;
import jp.btob.platform.api.model.AttachmentSettingsUpdate;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.ETags;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class AttachmentSettingsController implements AttachmentSettingsApi {

    private final AttachmentSettingsService settings;

    AttachmentSettingsController(AttachmentSettingsService settings) {
        this.settings = settings;
    }

    @Override
    public Mono<ResponseEntity<AttachmentSettings>> getAttachmentSettings(ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(settings::read)
                .map(this::answer);
    }

    @Override
    public Mono<ResponseEntity<AttachmentSettings>> updateAttachmentSettings(String ifMatch,
            Mono<AttachmentSettingsUpdate> update, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> update.flatMap(body -> settings.update(caller, body.getMaxSize(), ifMatch)))
                .map(this::answer);
    }

    private ResponseEntity<AttachmentSettings> answer(SizeLimit saved) {
        return ResponseEntity.ok()
                .eTag(ETags.of(saved.version()))
                .body(new AttachmentSettings(saved.limit(settings.ceiling()), settings.ceiling()));
    }
}
