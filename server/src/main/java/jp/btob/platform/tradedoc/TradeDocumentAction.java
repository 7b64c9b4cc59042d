package jp.btob.platform.tradedoc;

import java.util.EnumSet;
import java.util.Set;

import jp.btob.platform.api.model.TradeDocumentStatus;
import jp.btob.platform.audit.AuditAction;

/**
 * The allowed transitions of a trade document, written once. Anything else is refused with the
 * invalid-transition problem naming the current state; an action of the other party with the
 * wrong-party problem.
 *
 * <pre>
 *   (send, sender) --> SENT --acknowledge (receiver)--> ACKNOWLEDGED
 *   SENT, ACKNOWLEDGED --correct (sender)--> SENT
 *   SENT, ACKNOWLEDGED --cancel (sender)--> CANCELLED
 * </pre>
 */
enum TradeDocumentAction {

    ACKNOWLEDGE("acknowledge", EnumSet.of(TradeDocumentStatus.SENT), Role.RECEIVER, TradeDocumentStatus.ACKNOWLEDGED,
            AuditAction.TRADE_DOCUMENT_ACKNOWLEDGE),
    // A corrected document is another document to the receiver: it acknowledges it anew.
    CORRECT("correct", EnumSet.of(TradeDocumentStatus.SENT, TradeDocumentStatus.ACKNOWLEDGED), Role.SENDER,
            TradeDocumentStatus.SENT, AuditAction.TRADE_DOCUMENT_CORRECT),
    CANCEL("cancel", EnumSet.of(TradeDocumentStatus.SENT, TradeDocumentStatus.ACKNOWLEDGED), Role.SENDER,
            TradeDocumentStatus.CANCELLED, AuditAction.TRADE_DOCUMENT_CANCEL);

    private final String verb;

    private final Set<TradeDocumentStatus> from;

    private final Role role;

    private final TradeDocumentStatus to;

    private final AuditAction audited;

    TradeDocumentAction(String verb, Set<TradeDocumentStatus> from, Role role, TradeDocumentStatus to,
                        AuditAction audited) {
        this.verb = verb;
        this.from = from;
        this.role = role;
        this.to = to;
        this.audited = audited;
    }

    String verb() {
        return verb;
    }

    Set<TradeDocumentStatus> from() {
        return from;
    }

    Role role() {
        return role;
    }

    TradeDocumentStatus to() {
        return to;
    }

    AuditAction audited() {
        return audited;
    }

    /** Which party of the document takes an action. */
    enum Role { SENDER, RECEIVER }
}
