package jp.btob.platform.specsheet;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jp.btob.platform.api.model.SpecSheetStatus;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.bookkeeping.DocumentType;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import jp.btob.platform.trade.TradeDates;
import jp.btob.platform.trade.TradeSteps;
import jp.btob.platform.trade.Transitions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The life of a spec sheet (SVC-SPEC). The checks of a change come in the order that leaks
 * least: a sheet the caller is no party to is not found; then the party, the version, the state,
 * the content. Every step, the request included, appends a version to the sheet's history in
 * the transaction of the change (SVC-BOOK).
 */
@Service
class SpecSheetService {

    private static final Transitions SPEC_SHEET = new Transitions("spec sheet", "a spec sheet");

    private final SpecSheetRepository sheets;

    private final TradeSteps steps;

    private final TransactionalOperator tx;

    private final Clock clock;

    SpecSheetService(SpecSheetRepository sheets, TradeSteps steps, TransactionalOperator tx, Clock clock) {
        this.sheets = sheets;
        this.steps = steps;
        this.tx = tx;
        this.clock = clock;
    }

    /** The caller's company asks the seller for a sheet; its content starts with the product as named. */
    Mono<SpecSheetRow> request(Caller caller, UUID sellerId, String productName, String productCode,
                               LocalDate dueDate, String note) {
        UUID buyer = caller.companyId();
        if (dueDate != null && dueDate.isBefore(TradeDates.today(clock))) {
            return Mono.error(new UnprocessableFieldException("dueDate", "The due date " + dueDate
                    + " has passed; give today or a later day."));
        }
        NewSpecSheet sheet = new NewSpecSheet(sellerId, buyer, productName, productCode, dueDate, note);
        return steps.connected(sellerId, buyer, "sellerId", "seller")
                .then(sheets.insert(sheet, SpecContent.of(productName, productCode), caller.actor().id(),
                        Times.now(clock)))
                .flatMap(sheets::find)
                .flatMap(row -> recorded(caller, row, AuditAction.SPEC_SHEET_REQUEST, row.status().getValue())
                        .thenReturn(row))
                .as(tx::transactional);
    }

    Mono<SpecSheetRow> find(Caller caller, UUID id) {
        return sheets.find(id)
                .filter(sheet -> sheet.sideOf(caller.companyId()) != null)
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("spec sheet")));
    }

    Flux<SpecSheetRow> list(Caller caller, String role, SpecSheetStatus status, UUID partnerId, PageCursor after,
                            int fetch) {
        return sheets.list(caller.companyId(), role, status, partnerId, after, fetch);
    }

    /** A submitted revision of a sheet the caller is party to; one not submitted yet is not found. */
    Mono<SpecRevision> revision(Caller caller, UUID id, int revision) {
        return find(caller, id)
                .flatMap(sheet -> sheets.revision(id, revision))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("spec sheet revision")));
    }

    /**
     * Takes an action on a sheet at the version {@code ifMatch} names: {@code content} is the new
     * content of an edit, {@code note} the comments of a return or the reason of a cancellation.
     */
    Mono<SpecSheetRow> apply(Caller caller, UUID id, String ifMatch, SpecSheetAction action, SpecContent content,
                             String note) {
        return find(caller, id).flatMap(sheet -> {
            RuntimeException refused = refusal(caller, sheet, ifMatch, action, content);
            if (refused != null) {
                return Mono.error(refused);
            }
            Mono<Void> stillConnected = action == SpecSheetAction.SUBMIT
                    ? steps.connected(sheet.seller().id(), sheet.buyer().id(), "buyerId", "buyer") : Mono.empty();
            SpecSheetStatus to = action.to(sheet.status());
            return stillConnected
                    .then(sheets.apply(id, sheet.version(), action, to, content, note, caller.actor().id(),
                            Times.now(clock)))
                    .flatMap(changed -> changed ? sheets.find(id) : Mono.error(SPEC_SHEET.stale()))
                    .flatMap(after -> recorded(caller, after, action.audited(), reason(action, after, note))
                            .thenReturn(after))
                    .as(tx::transactional);
        });
    }

    /** Why the action cannot be taken now, or null when it can. */
    private static RuntimeException refusal(Caller caller, SpecSheetRow sheet, String ifMatch, SpecSheetAction action,
                                            SpecContent content) {
        RuntimeException refused = SPEC_SHEET.refusal(action.side().name().toLowerCase(),
                sheet.sideOf(caller.companyId()) == action.side(), action.verb(), ifMatch, sheet.version(),
                sheet.status().getValue(), action.from().stream().map(SpecSheetStatus::getValue).toList());
        if (refused != null) {
            return refused;
        }
        if (content != null) {
            return SpecRules.refusal(content);
        }
        return action == SpecSheetAction.SUBMIT ? SpecRules.incomplete(sheet.content()) : null;
    }

    private static String reason(SpecSheetAction action, SpecSheetRow after, String note) {
        String reason = after.status().getValue();
        return switch (action) {
            case EDIT -> reason + ": content written";
            case SUBMIT, APPROVE -> reason + ": revision " + after.revision();
            case RETURN, CANCEL -> reason + ": " + note;
        };
    }

    /** The step in the sheet's history and on the audit trail of both companies. */
    private Mono<Void> recorded(Caller caller, SpecSheetRow after, AuditAction action, String reason) {
        return steps.recorded(caller, new TradeSteps.Step(DocumentType.SPEC_SHEET, after.id(), after.seller().id(),
                after.buyer().id(), after.status().getValue(), after.version()), SpecSheetDocument.of(after), action,
                reason);
    }
}
