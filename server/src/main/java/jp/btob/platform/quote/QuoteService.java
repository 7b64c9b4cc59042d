package jp.btob.platform.quote;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.QuoteStatus;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.bookkeeping.Bookkeeping;
import jp.btob.platform.bookkeeping.DocumentType;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.invoice.settings.InvoicingSettingsService;
import jp.btob.platform.invoice.settings.IssuerSettings;
import jp.btob.platform.partner.Connections;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import jp.btob.platform.tax.TaxCalculator;
import jp.btob.platform.trade.TradeDates;
import jp.btob.platform.trade.TradeFilter;
import jp.btob.platform.trade.Transitions;
import jp.btob.platform.webhook.DocumentStep;
import jp.btob.platform.webhook.WebhookEvents;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The life of a quote (SVC-QUO). The checks of a change come in the order that leaks least: a
 * quote the caller cannot see is not found; then the party, the version, the state, the dates.
 * Every transition from sending on appends a version to the quote's history in the transaction
 * of the change (SVC-BOOK).
 */
@Service
class QuoteService {

    private static final Transitions QUOTE = new Transitions("quote", "a quote");

    private final QuoteRepository quotes;

    private final Connections connections;

    private final InvoicingSettingsService invoicing;

    private final Bookkeeping bookkeeping;

    private final AuditLog audit;

    private final WebhookEvents events;

    private final TransactionalOperator tx;

    private final Clock clock;

    QuoteService(QuoteRepository quotes, Connections connections, InvoicingSettingsService invoicing,
                 Bookkeeping bookkeeping, AuditLog audit, WebhookEvents events, TransactionalOperator tx, Clock clock) {
        this.quotes = quotes;
        this.connections = connections;
        this.invoicing = invoicing;
        this.bookkeeping = bookkeeping;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<QuoteRow> create(Caller caller, UUID buyerId, QuoteContent content) {
        UUID seller = caller.companyId();
        return connected(seller, buyerId)
                // The seller's rounding when drafted holds for the quote's life, revisions included.
                .then(invoicing.forCompany(seller).map(IssuerSettings::taxRounding))
                .flatMap(mode -> quotes.insert(seller, buyerId, content, mode,
                                TaxCalculator.totals(content.lines(), mode).total(), caller.actor().id(), Times.now(clock))
                        .flatMap(id -> audit.record(AuditEntry.success(seller, caller.actor(),
                                        AuditAction.QUOTE_CREATE, "quote", id))
                                .then(quotes.find(id))
                                .flatMap(draft -> published(caller, draft, AuditAction.QUOTE_CREATE))
                                .thenReturn(id))
                        .as(tx::transactional))
                .flatMap(quotes::find);
    }

    Mono<QuoteRow> find(Caller caller, UUID id) {
        return quotes.find(id)
                .filter(quote -> quote.visibleTo(caller.companyId()))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("quote")));
    }

    Flux<QuoteRow> list(Caller caller, TradeFilter filter, PageCursor after, int fetch) {
        return quotes.list(caller.companyId(), filter, after, fetch);
    }

    /**
     * Takes an action on a quote at the version {@code ifMatch} names. {@code content} is the new
     * contents of an edit or a revision, {@code note} the reason or comment given with it.
     */
    Mono<QuoteRow> apply(Caller caller, UUID id, String ifMatch, QuoteAction action, QuoteContent content, String note) {
        return find(caller, id).flatMap(quote -> {
            LocalDate today = today();
            RuntimeException refused = refusal(caller, quote, ifMatch, action, content, today);
            if (refused != null) {
                return Mono.error(refused);
            }
            Long total = content == null ? null : TaxCalculator.totals(content.lines(), quote.rounding()).total();
            Instant now = Times.now(clock);
            Mono<Void> stillConnected = action.issues()
                    ? connected(quote.seller().id(), quote.buyer().id()) : Mono.empty();
            return stillConnected
                    .then(quotes.apply(id, quote.version(), action, content, total, action.issues() ? today : null, note, now))
                    .flatMap(changed -> changed ? quotes.find(id) : Mono.error(QUOTE.stale()))
                    .flatMap(after -> recorded(caller, after, action, note).thenReturn(after))
                    .as(tx::transactional);
        });
    }

    /** Why the action cannot be taken now, or null when it can. */
    private static RuntimeException refusal(Caller caller, QuoteRow quote, String ifMatch, QuoteAction action,
                                            QuoteContent content, LocalDate today) {
        RuntimeException refused = QUOTE.refusal(action.side().name().toLowerCase(),
                quote.sideOf(caller.companyId()) == action.side(), action.verb(), ifMatch, quote.version(),
                quote.status().getValue(), action.from().stream().map(QuoteStatus::getValue).toList());
        if (refused != null) {
            return refused;
        }
        if (action == QuoteAction.ACCEPT && quote.expiredOn(today)) {
            return new QuoteExpiredException("The quote was valid until " + quote.content().validUntil()
                    + " and can no longer be accepted; ask the seller for a new one.");
        }
        LocalDate validUntil = content != null ? content.validUntil() : quote.content().validUntil();
        if (action.issues() && today.isAfter(validUntil)) {
            return new UnprocessableFieldException("validUntil", "The validity date " + validUntil
                    + " has passed; set a later one before sending.");
        }
        return null;
    }

    /**
     * The change in the quote's history, once the buyer has seen it, on the audit trail of each
     * company that sees the quote, and as a webhook event to each.
     */
    private Mono<Void> recorded(Caller caller, QuoteRow after, QuoteAction action, String note) {
        List<AuditEntry> entries = new ArrayList<>();
        entries.add(new AuditEntry(after.seller().id(), caller.actor(), action.audited(), "quote", after.id(),
                AuditOutcome.SUCCESS, Map.of("status", after.status().getValue(), "version", after.version())));
        if (after.status() == QuoteStatus.DRAFT) {
            return audit.record(entries).then(published(caller, after, action.audited()));
        }
        entries.add(new AuditEntry(after.buyer().id(), caller.actor(), action.audited(), "quote", after.id(),
                AuditOutcome.SUCCESS, Map.of("status", after.status().getValue(), "version", after.version())));
        String reason = note == null ? action.to().getValue() : action.to().getValue() + ": " + note;
        return bookkeeping.record(DocumentType.QUOTE, after.id(), after.seller().id(), after.buyer().id(),
                        QuoteDocument.of(after), caller.actor(), reason)
                .then(audit.record(entries))
                .then(published(caller, after, action.audited()));
    }

    /** The step as a webhook event to each company that sees the quote: a draft's only to its seller. */
    private Mono<Void> published(Caller caller, QuoteRow after, AuditAction action) {
        List<UUID> companies = after.status() == QuoteStatus.DRAFT ? List.of(after.seller().id())
                : List.of(after.buyer().id(), after.seller().id());
        return events.documentStep(new DocumentStep(DocumentType.QUOTE, after.id(), after.seller().id(), after.buyer().id(),
                after.status().getValue(), after.version()), caller.actor(), action, companies);
    }

    /** Nothing happens unless the two companies are connected and the connection active. */
    private Mono<Void> connected(UUID seller, UUID buyer) {
        if (seller.equals(buyer)) {
            return Mono.error(notPartner());
        }
        return connections.active(seller, buyer).flatMap(active -> active ? Mono.<Void>empty() : Mono.error(notPartner()));
    }

    private LocalDate today() {
        return TradeDates.today(clock);
    }

    private static UnprocessableFieldException notPartner() {
        return new UnprocessableFieldException("buyerId", "The buyer is not a company you are connected with as an"
                + " active trading partner.");
    }

}
