package jp.btob.platform.order;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.OrderStatus;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.bookkeeping.DocumentType;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.invoice.settings.InvoicingSettingsService;
import jp.btob.platform.invoice.settings.IssuerSettings;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.quote.QuoteOrdering;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.ConflictException;
import jp.btob.platform.tax.LineItem;
import jp.btob.platform.trade.TradeDates;
import jp.btob.platform.trade.TradeFilter;
import jp.btob.platform.trade.TradeSteps;
import jp.btob.platform.trade.Transitions;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The life of an order (SVC-ORD). The checks of a change come in the order that leaks least: an
 * order the caller is no party to is not found; then the party, the version, the state, the
 * quantities. Every step, placing included, appends a version to the order's history in the
 * transaction of the change (SVC-BOOK).
 */
@Service
class OrderService {

    private static final Transitions ORDER = new Transitions("order", "an order");

    private final OrderRepository orders;

    private final QuoteOrdering quotes;

    private final InvoicingSettingsService invoicing;

    private final PlacementGuard guard;

    private final TradeSteps steps;

    private final TransactionalOperator tx;

    private final Clock clock;

    OrderService(OrderRepository orders, QuoteOrdering quotes, InvoicingSettingsService invoicing,
                 PlacementGuard guard, TradeSteps steps, TransactionalOperator tx, Clock clock) {
        this.orders = orders;
        this.quotes = quotes;
        this.invoicing = invoicing;
        this.guard = guard;
        this.steps = steps;
        this.tx = tx;
        this.clock = clock;
    }

    /** An order with free-form lines, at the seller company's tax rounding (SVC-ORD-LITE). */
    Mono<OrderRow> place(Caller caller, UUID sellerId, String title, String notes, List<LineItem> lines) {
        return placed(caller, OrderDraft.of(sellerId, title, notes, lines), true);
    }

    /** An order of an accepted quote, its contents and rounding copied; a quote is ordered once. */
    Mono<OrderRow> placeFromQuote(Caller caller, UUID quoteId) {
        return placed(caller, OrderDraft.ofQuote(quoteId), true);
    }

    /**
     * The order the draft places, checked as placing checks it: the seller connected, or the quote
     * one the caller's company may order.
     */
    Mono<NewOrder> prepared(Caller caller, OrderDraft draft) {
        if (draft.quoteId() != null) {
            return quotes.orderable(caller, draft.quoteId())
                    .flatMap(quote -> connected(quote.sellerId(), quote.buyerId())
                            .thenReturn(new NewOrder(quote.sellerId(), quote.buyerId(), quote.id(), quote.title(),
                                    quote.notes(), quote.lines(), quote.rounding())));
        }
        UUID buyer = caller.companyId();
        return connected(draft.sellerId(), buyer)
                .then(invoicing.forCompany(draft.sellerId()).map(IssuerSettings::taxRounding))
                .map(mode -> new NewOrder(draft.sellerId(), buyer, null, draft.title(), draft.notes(), draft.lines(),
                        mode));
    }

    static long total(NewOrder order) {
        return OrderRow.totals(OrderLines.of(order.lines()), order.rounding()).total();
    }

    Mono<OrderRow> find(Caller caller, UUID id) {
        return orders.find(id)
                .filter(order -> order.sideOf(caller.companyId()) != null)
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("order")));
    }

    Flux<OrderRow> list(Caller caller, TradeFilter filter, PageCursor after, int fetch) {
        return orders.list(caller.companyId(), filter, after, fetch);
    }

    /**
     * Takes an action on an order at the version {@code ifMatch} names, with the quantities per
     * line it names, the reason given and, for an inspection, its date.
     */
    Mono<OrderRow> apply(Caller caller, UUID id, String ifMatch, OrderAction action, List<LineChange> changes,
                         String note, LocalDate inspectionDate) {
        return find(caller, id).flatMap(order -> {
            RuntimeException refused = refusal(caller, order, ifMatch, action);
            if (refused != null) {
                return Mono.error(refused);
            }
            List<OrderLine> lines = action.change(order.lines(), changes);
            OrderStatus to = action.to(order.status(), lines);
            long total = OrderRow.totals(lines, order.rounding()).total();
            return orders.apply(id, order.version(), action, to, lines, total, note, inspectionDate, Times.now(clock))
                    .flatMap(changed -> changed ? orders.find(id) : Mono.error(ORDER.stale()))
                    .flatMap(after -> recorded(caller, after, action.audited(), reason(to, note, inspectionDate))
                            .thenReturn(after))
                    .as(tx::transactional);
        });
    }

    /**
     * Places the draft; {@code guarded}, only when no approval route of the buyer covers its
     * total. A quote is ordered once, even by two placements at once.
     */
    Mono<OrderRow> placed(Caller caller, OrderDraft draft, boolean guarded) {
        return prepared(caller, draft).flatMap(order -> {
            List<OrderLine> lines = OrderLines.of(order.lines());
            long total = OrderRow.totals(lines, order.rounding()).total();
            Instant now = Times.now(clock);
            return (guarded ? guard.cleared(order.buyerId(), total) : Mono.<Void>empty())
                    .then(orders.insert(order, lines, total, TradeDates.of(now), caller.actor().id(), now))
                    .flatMap(orders::find)
                    .flatMap(row -> recorded(caller, row, AuditAction.ORDER_PLACE, OrderStatus.PLACED.getValue())
                            .thenReturn(row))
                    .as(tx::transactional);
        }).onErrorMap(DataIntegrityViolationException.class, ex -> String.valueOf(ex.getMessage())
                .contains("purchase_order_quote") ? new ConflictException("The quote was already ordered.") : ex);
    }

    /** Why the action cannot be taken now, or null when it can. */
    private static RuntimeException refusal(Caller caller, OrderRow order, String ifMatch, OrderAction action) {
        return ORDER.refusal(action.side().name().toLowerCase(), order.sideOf(caller.companyId()) == action.side(),
                action.verb(), ifMatch, order.version(), order.status().getValue(),
                action.from().stream().map(OrderStatus::getValue).toList());
    }

    private static String reason(OrderStatus to, String note, LocalDate inspectionDate) {
        String reason = to.getValue();
        if (inspectionDate != null) {
            reason += ": inspected " + inspectionDate;
        }
        return note == null ? reason : reason + ": " + note;
    }

    /** The step in the order's history and on the audit trail of both companies. */
    private Mono<Void> recorded(Caller caller, OrderRow after, AuditAction action, String reason) {
        return steps.recorded(caller, new TradeSteps.Step(DocumentType.ORDER, after.id(), after.seller().id(),
                after.buyer().id(), after.status().getValue(), after.version()), OrderDocument.of(after), action, reason);
    }

    /** Nothing is ordered unless the two companies are connected and the connection active. */
    private Mono<Void> connected(UUID seller, UUID buyer) {
        return steps.connected(seller, buyer, "sellerId", "seller");
    }
}
