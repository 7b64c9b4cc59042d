package jp.btob.platform.tradedoc;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import jp.btob.platform.api.TradeDocumentsApi;
import jp.btob.platform.api.model.TradeDocument;
import jp.btob.platform.api.model.TradeDocumentCorrection;
import jp.btob.platform.api.model.TradeDocumentCreate;
import jp.btob.platform.api.model.TradeDocumentKind;
import jp.btob.platform.api.model.TradeDocumentPage;
import jp.btob.platform.api.model.TradeDocumentReason;
import jp.btob.platform.api.model.TradeDocumentStatus;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import jp.btob.platform.trade.TradeFilter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class TradeDocumentController implements TradeDocumentsApi {

    /** The largest page of trade documents, as the spec's {@code limit} allows. */
    private static final int MAX_LIMIT = 200;

    private final TradeDocumentService documents;

    TradeDocumentController(TradeDocumentService documents) {
        this.documents = documents;
    }

    @Override
    public Mono<ResponseEntity<TradeDocumentPage>> listTradeDocuments(String role, String kind,
                                                                      TradeDocumentStatus status, UUID partnerId,
                                                                      LocalDate transactionFrom, LocalDate transactionTo,
                                                                      Long minTotal, Long maxTotal, String cursor,
                                                                      Integer limit, ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        TradeFilter filter = new TradeFilter(role, status == null ? null : status.getValue(), partnerId,
                transactionFrom, transactionTo, minTotal, maxTotal);
        TradeDocumentKind only = kind == null ? null : TradeDocumentMapper.kind(kind);
        return Callers.of(exchange)
                .flatMap(caller -> documents.list(caller, only, filter, after, Pages.fetchSize(limit, MAX_LIMIT))
                        .collectList())
                .map(rows -> Pages.of(rows, limit, MAX_LIMIT, row -> new PageCursor(row.createdAt(), row.id())))
                .map(page -> ResponseEntity.ok(new TradeDocumentPage(
                        page.items().stream().map(TradeDocumentMapper::toApi).toList(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<TradeDocument>> sendTradeDocument(Mono<TradeDocumentCreate> tradeDocumentCreate,
                                                                 String idempotencyKey, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> tradeDocumentCreate.flatMap(body -> documents.send(caller, body.getReceiverId(),
                        body.getKind(), body.getSenderSide(), TradeDocumentMapper.fields(body))))
                .map(row -> ResponseEntity.created(URI.create("/api/v1/trade-documents/" + row.id()))
                        .eTag(ETags.of(row.version()))
                        .body(TradeDocumentMapper.toApi(row)));
    }

    @Override
    public Mono<ResponseEntity<TradeDocument>> getTradeDocument(UUID tradeDocumentId, ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> documents.find(caller, tradeDocumentId))
                .map(TradeDocumentController::answer);
    }

    @Override
    public Mono<ResponseEntity<TradeDocument>> acknowledgeTradeDocument(UUID tradeDocumentId, String ifMatch,
                                                                        ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> documents.apply(caller, tradeDocumentId, ifMatch, TradeDocumentAction.ACKNOWLEDGE,
                        null, null))
                .map(TradeDocumentController::answer);
    }

    @Override
    public Mono<ResponseEntity<TradeDocument>> correctTradeDocument(UUID tradeDocumentId,
                                                                    Mono<TradeDocumentCorrection> tradeDocumentCorrection,
                                                                    String ifMatch, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> tradeDocumentCorrection.flatMap(body -> documents.apply(caller, tradeDocumentId,
                        ifMatch, TradeDocumentAction.CORRECT, TradeDocumentMapper.fields(body), body.getReason())))
                .map(TradeDocumentController::answer);
    }

    @Override
    public Mono<ResponseEntity<TradeDocument>> cancelTradeDocument(UUID tradeDocumentId,
                                                                   Mono<TradeDocumentReason> tradeDocumentReason,
                                                                   String ifMatch, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> tradeDocumentReason.flatMap(body -> documents.apply(caller, tradeDocumentId,
                        ifMatch, TradeDocumentAction.CANCEL, null, body.getReason())))
                .map(TradeDocumentController::answer);
    }

    private static ResponseEntity<TradeDocument> answer(TradeDocumentRow row) {
        return ResponseEntity.ok().eTag(ETags.of(row.version())).body(TradeDocumentMapper.toApi(row));
    }
}
