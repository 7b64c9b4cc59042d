package jp.btob.platform.bookkeeping;

import java.util.HexFormat;
import java.util.UUID;

import jp.btob.platform.api.DocumentsApi;
import jp.btob.platform.api.model.DocumentHistory;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.Times;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class HistoryController implements DocumentsApi {

    private static final HexFormat HEX = HexFormat.of();

    private final Bookkeeping bookkeeping;

    HistoryController(Bookkeeping bookkeeping) {
        this.bookkeeping = bookkeeping;
    }

    @Override
    public Mono<ResponseEntity<DocumentHistory>> getDocumentHistory(String documentType, UUID documentId,
                                                                    ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> bookkeeping.history(caller, documentType, documentId))
                .map(history -> ResponseEntity.ok(toApi(history, documentId)));
    }

    private static DocumentHistory toApi(Bookkeeping.History history, UUID documentId) {
        Verification verification = history.verification();
        return new DocumentHistory(history.type().value(), documentId, verification.verified(),
                history.versions().stream().map(HistoryController::toApi).toList())
                .brokenAtVersion(verification.brokenAt());
    }

    private static jp.btob.platform.api.model.DocumentVersion toApi(DocumentVersion version) {
        return new jp.btob.platform.api.model.DocumentVersion(version.version(), HEX.formatHex(version.hash()),
                jp.btob.platform.api.model.DocumentVersion.ActorTypeEnum.fromValue(version.actor().type().getValue()),
                Times.utc(version.recordedAt()), version.reason(), version.content())
                .previousHash(version.previousHash() == null ? null : HEX.formatHex(version.previousHash()))
                .actorId(version.actor().id());
    }
}
