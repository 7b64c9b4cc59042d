package jp.btob.platform.invoice.settings;

import jp.btob.platform.api.InvoicingApi;
import jp.btob.platform.api.model.InvoicingSettings;
import jp.btob.platform.api.model.InvoicingSettingsUpdate;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.ETags;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class InvoicingSettingsController implements InvoicingApi {

    private final InvoicingSettingsService settings;

    InvoicingSettingsController(InvoicingSettingsService settings) {
        this.settings = settings;
    }

    @Override
    public Mono<ResponseEntity<InvoicingSettings>> getInvoicingSettings(ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(settings::read)
                .map(InvoicingSettingsController::answer);
    }

    @Override
    public Mono<ResponseEntity<InvoicingSettings>> updateInvoicingSettings(String ifMatch,
            Mono<InvoicingSettingsUpdate> update, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> update.flatMap(body -> Mono.fromCallable(() -> InvoicingSettingsMapper.settings(body))
                        .flatMap(requested -> settings.update(caller, requested, ifMatch))))
                .map(InvoicingSettingsController::answer);
    }

    private static ResponseEntity<InvoicingSettings> answer(VersionedIssuerSettings versioned) {
        return ResponseEntity.ok()
                .eTag(ETags.of(versioned.version()))
                .body(InvoicingSettingsMapper.api(versioned));
    }
}
