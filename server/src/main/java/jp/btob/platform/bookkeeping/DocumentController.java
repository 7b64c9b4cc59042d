package jp.btob.platform.bookkeeping;

import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;

import jp.btob.platform.api.DocumentsApi;
import jp.btob.platform.api.model.DocumentHistory;
import jp.btob.platform.api.model.DocumentPage;
import jp.btob.platform.api.model.DocumentSummary;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.DateCursor;
import jp.btob.platform.system.paging.Pages;
import jp.btob.platform.trade.TradeModels;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class DocumentController implements DocumentsApi {

    private static final HexFormat HEX = HexFormat.of();

    /** The largest page of the search, as its spec allows. */
    private static final int MAX_LIMIT = 200;

    private final Bookkeeping bookkeeping;

    private final DocumentSearch search;

    DocumentController(Bookkeeping bookkeeping, DocumentSearch search) {
        this.bookkeeping = bookkeeping;
        this.search = search;
    }

    @Override
    public Mono<ResponseEntity<DocumentPage>> searchDocuments(String documentType, String side, UUID partnerId,
                                                              LocalDate dateFrom, LocalDate dateTo, Long minAmount,
                                                              Long maxAmount, UUID labelId, String label,
                                                              String cursor, Integer limit,
                                                              ServerWebExchange exchange) {
        DateCursor after = DateCursor.decode(cursor);
        SearchFilter filter = SearchFilter.of(documentType, side, partnerId, dateFrom, dateTo, minAmount, maxAmount,
                labelId, label);
        return Callers.of(exchange)
                .flatMap(caller -> search.search(caller, filter, after, Pages.fetchSize(limit, MAX_LIMIT)).collectList())
                .map(rows -> Pages.of(rows, limit, MAX_LIMIT, row -> new DateCursor(row.transactionDate(), row.id())))
                .map(page -> ResponseEntity.ok(new DocumentPage(
                        page.items().stream().map(DocumentController::toApi).toList(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<DocumentHistory>> getDocumentHistory(String documentType, UUID documentId,
                                                                    ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> bookkeeping.history(caller, documentType, documentId))
                .map(history -> ResponseEntity.ok(toApi(history, documentId)));
    }

    private static DocumentSummary toApi(FoundDocument found) {
        String type = found.type().value();
        return new DocumentSummary(DocumentSummary.DocumentTypeEnum.fromValue(type), found.id(),
                DocumentSummary.SideEnum.fromValue(found.side().value()), TradeModels.party(found.counterparty()),
                found.status(), found.transactionDate(), Times.utc(found.createdAt()),
                "/api/v1/documents/" + type + "/" + found.id() + "/history")
                .amount(found.amount())
                .number(found.number())
                .title(found.title());
    }

    private static DocumentHistory toApi(Bookkeeping.History history, UUID documentId) {
        Verification verification = history.verification();
        return new DocumentHistory(history.type().value(), documentId, verification.verified(),
                history.versions().stream().map(DocumentController::toApi).toList())
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
