package jp.btob.platform.invoice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jp.btob.platform.api.model.InvoiceStatus;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.bookkeeping.DocumentType;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.invoice.settings.InvoicingSettingsService;
import jp.btob.platform.invoice.settings.IssuerSettings;
import jp.btob.platform.order.BillableOrder;
import jp.btob.platform.order.OrderBilling;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.ConflictException;
import jp.btob.platform.system.problem.UnprocessableFieldException;
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
 * The life of an invoice (SVC-INV). The checks of a change come in the order that leaks least: an
 * invoice the caller is no party to is not found; then the party, the version, the state. Every
 * step, issuing included, appends a version to the invoice's history in the transaction of the
 * change (SVC-BOOK).
 */
@Service
class InvoiceService {

    private static final Transitions INVOICE = new Transitions("invoice", "an invoice");

    /** The most lines a closing gathers, as many as an invoice holds. */
    static final int MAX_CLOSING_LINES = 1000;

    private final InvoiceRepository invoices;

    private final OrderBilling orders;

    private final InvoicingSettingsService invoicing;

    private final TradeSteps steps;

    private final ApprovalGuard approvals;

    private final TransactionalOperator tx;

    private final Clock clock;

    InvoiceService(InvoiceRepository invoices, OrderBilling orders, InvoicingSettingsService invoicing,
                   TradeSteps steps, ApprovalGuard approvals, TransactionalOperator tx, Clock clock) {
        this.invoices = invoices;
        this.orders = orders;
        this.invoicing = invoicing;
        this.steps = steps;
        this.approvals = approvals;
        this.tx = tx;
        this.clock = clock;
    }

    /** An invoice written line by line by the caller's company, possibly correcting a cancelled one. */
    Mono<InvoiceRow> issue(Caller caller, NewInvoice invoice) {
        Mono<Void> corrected = invoice.correctsId() == null ? Mono.empty() : correctable(caller, invoice);
        return steps.connected(invoice.sellerId(), invoice.buyerId(), "buyerId", "buyer")
                .then(corrected)
                .then(issued(caller, invoice))
                .onErrorMap(DataIntegrityViolationException.class, ex -> String.valueOf(ex.getMessage())
                        .contains("invoice_corrects") ? new ConflictException("The invoice named by correctsId was"
                        + " already corrected.") : ex);
    }

    /** An invoice of the order's billable lines not invoiced yet; each order line is invoiced once. */
    Mono<InvoiceRow> issueForOrder(Caller caller, UUID orderId) {
        return orders.billable(caller, orderId)
                .zipWith(invoices.billed(List.of(orderId)).collectList().map(HashSet::new))
                .flatMap(billing -> issued(caller, forOrder(billing.getT1(), billing.getT2())))
                .onErrorMap(DataIntegrityViolationException.class, ex -> String.valueOf(ex.getMessage())
                        .contains("invoiced_order_line") ? alreadyInvoiced() : ex);
    }

    /**
     * The month's closing invoice to the buyer: every billable line not invoiced yet of the orders
     * last inspected in the month, in the order of their inspections, for the whole month.
     */
    Mono<InvoiceRow> close(Caller caller, UUID buyerId, YearMonth month, String notes) {
        if (month.atDay(1).isAfter(TradeDates.today(clock))) {
            return Mono.error(new UnprocessableFieldException("month", "The month " + month + " has not begun in"
                    + " Japan; a month is closed once its inspections are in."));
        }
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        return steps.connected(caller.companyId(), buyerId, "buyerId", "buyer")
                .then(orders.lastInspected(caller, buyerId, first, last, MAX_CLOSING_LINES + 1).collectList())
                .flatMap(billable -> invoices.billed(billable.stream().map(BillableOrder::id).toList()).collectList()
                        .map(billed -> closingLines(billable, new HashSet<>(billed))))
                .flatMap(lines -> issued(caller, new NewInvoice(caller.companyId(), buyerId, null, null, first, last,
                        notes, lines)))
                .onErrorMap(DataIntegrityViolationException.class, ex -> String.valueOf(ex.getMessage())
                        .contains("invoiced_order_line") ? new ConflictException("A line of an order inspected in "
                        + month + " was invoiced meanwhile; close the month again for what is left.") : ex);
    }

    Mono<InvoiceRow> find(Caller caller, UUID id) {
        return invoices.find(id)
                .filter(invoice -> invoice.sideOf(caller.companyId()) != null)
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("invoice")));
    }

    Flux<InvoiceRow> list(Caller caller, TradeFilter filter, PageCursor after, int fetch) {
        return invoices.list(caller.companyId(), filter, after, fetch);
    }

    /**
     * Moves an invoice to the action's state at the version {@code ifMatch} names, with the reason
     * given; a cancellation frees the order lines the invoice billed, and an approval needs the
     * buyer's own approval first where its route applies (SVC-WF).
     */
    Mono<InvoiceRow> apply(Caller caller, UUID id, String ifMatch, InvoiceAction action, String note) {
        Mono<Void> released = action == InvoiceAction.CANCEL ? invoices.release(id) : Mono.empty();
        return step(caller, id, ifMatch, action, note, invoice -> (action == InvoiceAction.APPROVE
                ? approvals.cleared(invoice.buyer().id(), id, invoice.totals().total()) : Mono.<Void>empty())
                .then(Mono.defer(() -> invoices.apply(id, invoice.version(), action, note, Times.now(clock))))
                .flatMap(changed -> changed ? released.thenReturn(true) : Mono.just(false)));
    }

    /** Records a payment the issuer received, at the version {@code ifMatch} names; never more than is unpaid. */
    Mono<InvoiceRow> pay(Caller caller, UUID id, String ifMatch, Payment payment) {
        String note = "paid " + payment.amount() + " on " + payment.paidOn() + " by " + payment.method().getValue();
        return step(caller, id, ifMatch, InvoiceAction.PAY, note, invoice -> {
            long unpaid = invoice.totals().total() - invoice.paidAmount();
            if (payment.amount() > unpaid) {
                return Mono.error(new UnprocessableFieldException("amount", "The invoice has " + unpaid
                        + " yen unpaid; a payment may not exceed it."));
            }
            return invoices.pay(id, invoice.version(), payment, Times.now(clock));
        });
    }

    /**
     * One step of an invoice's life once the caller is allowed to take it: the change, which
     * answers whether the invoice was still as read, then its version in the history.
     */
    private Mono<InvoiceRow> step(Caller caller, UUID id, String ifMatch, InvoiceAction action, String note,
                                  Function<InvoiceRow, Mono<Boolean>> change) {
        return find(caller, id).flatMap(invoice -> {
            RuntimeException refused = INVOICE.refusal(action.side().name().toLowerCase(),
                    invoice.sideOf(caller.companyId()) == action.side(), action.verb(), ifMatch, invoice.version(),
                    invoice.status().getValue(), action.from().stream().map(InvoiceStatus::getValue).toList());
            if (refused != null) {
                return Mono.error(refused);
            }
            return change.apply(invoice)
                    .flatMap(changed -> changed ? invoices.find(id) : Mono.error(INVOICE.stale()))
                    .flatMap(after -> recorded(caller, after, action.audited(),
                            note == null ? after.status().getValue() : after.status().getValue() + ": " + note)
                            .thenReturn(after))
                    .as(tx::transactional);
        });
    }

    private static NewInvoice forOrder(BillableOrder order, Set<InvoiceRepository.BilledLine> billed) {
        List<InvoiceLine> lines = open(order, billed, 1);
        if (lines.isEmpty()) {
            throw alreadyInvoiced();
        }
        return new NewInvoice(order.sellerId(), order.buyerId(), order.id(), null, order.transactionDate(), null, null,
                lines);
    }

    /** The lines of a closing: of each order in turn, its billable lines not billed yet. */
    private static List<InvoiceLine> closingLines(List<BillableOrder> orders, Set<InvoiceRepository.BilledLine> billed) {
        List<InvoiceLine> lines = new ArrayList<>();
        orders.forEach(order -> lines.addAll(open(order, billed, lines.size() + 1)));
        if (lines.isEmpty()) {
            throw new UnprocessableFieldException("month", "No order line inspected in that month is left to"
                    + " invoice to this buyer.");
        }
        if (lines.size() > MAX_CLOSING_LINES) {
            throw new UnprocessableFieldException("month", "The month has more than " + MAX_CLOSING_LINES
                    + " order lines to invoice to this buyer, more than one invoice holds; invoice some orders on"
                    + " their own first (POST /api/v1/orders/{orderId}/invoice).");
        }
        return lines;
    }

    /** The order's billable lines no invoice bills yet, as invoice lines numbered from {@code first}. */
    private static List<InvoiceLine> open(BillableOrder order, Set<InvoiceRepository.BilledLine> billed, int first) {
        List<InvoiceLine> lines = new ArrayList<>();
        order.lines().stream()
                .filter(line -> !billed.contains(new InvoiceRepository.BilledLine(order.id(), line.number())))
                .forEach(line -> lines.add(new InvoiceLine(first + lines.size(), line.item(), order.id(),
                        line.number())));
        return lines;
    }

    /**
     * Issues the invoice with the issuer's settings in force: its registration number, which a
     * qualified invoice must state, its rounding and its payment terms.
     */
    private Mono<InvoiceRow> issued(Caller caller, NewInvoice invoice) {
        return invoicing.forCompany(invoice.sellerId()).flatMap(settings -> {
            if (settings.registrationNumber().isEmpty()) {
                return Mono.error(new UnprocessableFieldException("registrationNumber", "Your company has no"
                        + " qualified-invoice registration number in its invoicing settings; a qualified invoice"
                        + " must state it. Save it with PUT /api/v1/company/invoicing first."));
            }
            Instant now = Times.now(clock);
            LocalDate issueDate = TradeDates.of(now);
            return inserted(caller, invoice, settings, issueDate, now);
        });
    }

    private Mono<InvoiceRow> inserted(Caller caller, NewInvoice invoice, IssuerSettings settings, LocalDate issueDate,
                                      Instant now) {
        long total = InvoiceRow.totals(invoice.lines(), settings.taxRounding()).total();
        return invoices.insert(invoice, settings.registrationNumber().orElseThrow().value(), settings.taxRounding(),
                        total, issueDate, issueDate.plusDays(settings.paymentTermsDays()), caller.actor().id(), now)
                .flatMap(id -> invoices.bill(invoice.lines(), id).then(invoices.find(id)))
                .flatMap(row -> recorded(caller, row, AuditAction.INVOICE_ISSUE, InvoiceStatus.ISSUED.getValue())
                        .thenReturn(row))
                .as(tx::transactional);
    }

    /** A correction names a cancelled invoice of the same issuer and recipient. */
    private Mono<Void> correctable(Caller caller, NewInvoice invoice) {
        return invoices.find(invoice.correctsId())
                .filter(old -> old.seller().id().equals(invoice.sellerId()) && old.buyer().id().equals(invoice.buyerId())
                        && old.status() == InvoiceStatus.CANCELLED)
                .switchIfEmpty(Mono.error(() -> new UnprocessableFieldException("correctsId", "Name a CANCELLED"
                        + " invoice your company issued to the same recipient.")))
                .then();
    }

    /** The step in the invoice's history and on the audit trail of both companies. */
    private Mono<Void> recorded(Caller caller, InvoiceRow after, AuditAction action, String reason) {
        return steps.recorded(caller, new TradeSteps.Step(DocumentType.INVOICE, after.id(), after.seller().id(),
                after.buyer().id(), after.status().getValue(), after.version()), InvoiceDocument.of(after), action,
                reason);
    }

    private static ConflictException alreadyInvoiced() {
        return new ConflictException("Every billable line of the order is already invoiced.");
    }
}
