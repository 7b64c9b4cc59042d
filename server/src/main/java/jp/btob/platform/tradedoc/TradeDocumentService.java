package jp.btob.platform.tradedoc;

import java.time.Clock;
import java.util.UUID;

import jp.btob.platform.api.model.TradeDocumentKind;
import jp.btob.platform.api.model.TradeDocumentStatus;
import jp.btob.platform.api.model.TradeSide;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.bookkeeping.DocumentType;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.ConflictException;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import jp.btob.platform.trade.TradeFilter;
import jp.btob.platform.trade.TradeSteps;
import jp.btob.platform.trade.Transitions;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The life of a trade document (SVC-TRADE). The checks of a change come in the order that leaks
 * least: a document the caller is no party to is not found; then the party, the version, the
 * state, the fields. Every step, sending included, appends a version to the document's history in
 * the transaction of the change (SVC-BOOK).
 */
@Service
class TradeDocumentService {

    private static final Transitions TRADE_DOCUMENT = new Transitions("trade document", "a trade document");

    /** The unique index of the sender's numbers per kind (migration {@code V26}). */
    private static final String NUMBER_INDEX = "trade_document_number";

    private final TradeDocumentRepository documents;

    private final TradeSteps steps;

    private final TransactionalOperator tx;

    private final Clock clock;

    TradeDocumentService(TradeDocumentRepository documents, TradeSteps steps, TransactionalOperator tx, Clock clock) {
        this.documents = documents;
        this.steps = steps;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Sends a document to a connected partner. {@code senderSide} null takes the kind's usual
     * side; the kind {@code other} has none and needs it.
     */
    Mono<TradeDocumentRow> send(Caller caller, UUID receiverId, TradeDocumentKind kind, TradeSide senderSide,
                                TradeDocumentFields fields) {
        UUID sender = caller.companyId();
        TradeSide side = senderSide != null ? senderSide : usualSenderSide(kind);
        RuntimeException invalid = side == null
                ? new UnprocessableFieldException("senderSide", "State whether you send the document as the seller"
                + " or the buyer: a document of the kind other has no usual side.")
                : invalid(kind, fields);
        if (invalid != null) {
            return Mono.error(invalid);
        }
        return steps.connected(sender, receiverId, "receiverId", "receiver")
                .then(Mono.defer(() -> documents.insert(sender, receiverId, side, kind, fields, caller.actor().id(),
                        Times.now(clock))))
                .flatMap(documents::find)
                .flatMap(row -> recorded(caller, row, AuditAction.TRADE_DOCUMENT_SEND,
                        TradeDocumentStatus.SENT.getValue()).thenReturn(row))
                .as(tx::transactional)
                .onErrorMap(DataIntegrityViolationException.class, ex -> numberTaken(ex, kind, fields));
    }

    Mono<TradeDocumentRow> find(Caller caller, UUID id) {
        return documents.find(id)
                .filter(document -> document.roleOf(caller.companyId()) != null)
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("trade document")));
    }

    Flux<TradeDocumentRow> list(Caller caller, TradeDocumentKind kind, TradeFilter filter, PageCursor after,
                                int fetch) {
        return documents.list(caller.companyId(), kind, filter, after, fetch);
    }

    /**
     * Takes an action on a document at the version {@code ifMatch} names: {@code fields} are the
     * document as corrected, for a correction; {@code note} the reason given with it.
     */
    Mono<TradeDocumentRow> apply(Caller caller, UUID id, String ifMatch, TradeDocumentAction action,
                                 TradeDocumentFields fields, String note) {
        return find(caller, id).flatMap(document -> {
            RuntimeException refused = TRADE_DOCUMENT.refusal(action.role().name().toLowerCase(),
                    document.roleOf(caller.companyId()) == action.role(), action.verb(), ifMatch, document.version(),
                    document.status().getValue(), action.from().stream().map(TradeDocumentStatus::getValue).toList());
            if (refused == null && fields != null) {
                refused = invalid(document.kind(), fields);
            }
            if (refused != null) {
                return Mono.error(refused);
            }
            return documents.apply(id, document.version(), action, fields, note, Times.now(clock))
                    .flatMap(changed -> changed ? documents.find(id) : Mono.error(TRADE_DOCUMENT.stale()))
                    .flatMap(after -> recorded(caller, after, action.audited(), reason(action, note)).thenReturn(after))
                    .as(tx::transactional)
                    .onErrorMap(DataIntegrityViolationException.class, ex -> numberTaken(ex, document.kind(), fields));
        });
    }

    /** The side a sender of the kind is on: the seller's documents and the buyer's; none for {@code other}. */
    static TradeSide usualSenderSide(TradeDocumentKind kind) {
        return switch (kind) {
            case DELIVERY_NOTE, RECEIPT, ESTIMATE -> TradeSide.SELLER;
            case PURCHASE_ORDER, ACCEPTANCE_CERTIFICATE -> TradeSide.BUYER;
            case OTHER -> null;
        };
    }

    /** Why the fields cannot be those of a document of the kind, or null when they can. */
    private static RuntimeException invalid(TradeDocumentKind kind, TradeDocumentFields fields) {
        if (kind == TradeDocumentKind.OTHER && fields.kindLabel() == null) {
            return new UnprocessableFieldException("kindLabel", "Name the document: a document of the kind other"
                    + " needs its kindLabel.");
        }
        if (fields.taxAmount() != null && fields.taxAmount() > fields.amount()) {
            return new UnprocessableFieldException("taxAmount", "The tax amount " + fields.taxAmount()
                    + " is more than the amount " + fields.amount() + " it is included in.");
        }
        return null;
    }

    private static Throwable numberTaken(DataIntegrityViolationException ex, TradeDocumentKind kind,
                                         TradeDocumentFields fields) {
        return String.valueOf(ex.getMessage()).contains(NUMBER_INDEX)
                ? new ConflictException("You already sent a " + kind.getValue() + " numbered " + fields.number()
                + "; a number is used once per kind of document.")
                : ex;
    }

    private static String reason(TradeDocumentAction action, String note) {
        String reason = action == TradeDocumentAction.CORRECT ? action.to().getValue() + " (corrected)"
                : action.to().getValue();
        return note == null ? reason : reason + ": " + note;
    }

    /** The step in the document's history and on the audit trail of both companies. */
    private Mono<Void> recorded(Caller caller, TradeDocumentRow after, AuditAction action, String reason) {
        return steps.recorded(caller, new TradeSteps.Step(DocumentType.TRADE, after.id(), after.sellerId(),
                        after.buyerId(), after.status().getValue(), after.version()), TradeDocumentHistory.of(after),
                action, reason);
    }
}
