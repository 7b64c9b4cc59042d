package jp.btob.platform.trade;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.bookkeeping.Bookkeeping;
import jp.btob.platform.bookkeeping.DocumentType;
import jp.btob.platform.partner.Connections;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import jp.btob.platform.webhook.DocumentStep;
import jp.btob.platform.webhook.WebhookEvents;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What every step of an order, an invoice or a trade document does besides its own change: the
 * check that the two companies trade with each other, and the record of the step in the
 * document's history, on the audit trail of both companies and as their webhook events.
 */
@Component
public class TradeSteps {

    private final Connections connections;

    private final Bookkeeping bookkeeping;

    private final AuditLog audit;

    private final WebhookEvents events;

    TradeSteps(Connections connections, Bookkeeping bookkeeping, AuditLog audit, WebhookEvents events) {
        this.connections = connections;
        this.bookkeeping = bookkeeping;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Nothing is traded unless the two companies are distinct, connected and the connection
     * active; otherwise the problem names the request's field for the other party.
     *
     * @param field the field naming the other party ({@code sellerId}), {@code role} its role ({@code seller})
     */
    public Mono<Void> connected(UUID seller, UUID buyer, String field, String role) {
        Mono<Boolean> active = seller.equals(buyer) ? Mono.just(false) : connections.active(seller, buyer);
        return active.flatMap(yes -> yes ? Mono.<Void>empty() : Mono.error(new UnprocessableFieldException(field,
                "The " + role + " is not a company you are connected with as an active trading partner.")));
    }

    /**
     * The step in the document's history, in its form as {@code document}, on the audit trail of
     * both parties, and as a webhook event to each.
     */
    public Mono<Void> recorded(Caller caller, Step step, Map<String, ?> document, AuditAction action, String reason) {
        Map<String, Object> details = Map.of("status", step.status(), "version", step.version());
        return bookkeeping.record(step.type(), step.id(), step.sellerId(), step.buyerId(), document, caller.actor(),
                        reason)
                .then(audit.record(List.of(
                        new AuditEntry(step.buyerId(), caller.actor(), action, step.type().value(), step.id(),
                                AuditOutcome.SUCCESS, details),
                        new AuditEntry(step.sellerId(), caller.actor(), action, step.type().value(), step.id(),
                                AuditOutcome.SUCCESS, details))))
                .then(events.documentStep(new DocumentStep(step.type(), step.id(), step.sellerId(), step.buyerId(),
                        step.status(), step.version()), caller.actor(), action, List.of(step.buyerId(), step.sellerId())));
    }

    /** A trade document as it is after a step: which, between whom, its status and version. */
    public record Step(DocumentType type, UUID id, UUID sellerId, UUID buyerId, String status, int version) {
    }
}
