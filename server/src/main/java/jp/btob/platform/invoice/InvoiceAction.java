package jp.btob.platform.invoice;

import java.util.EnumSet;
import java.util.Set;

import jp.btob.platform.api.model.InvoiceStatus;
import jp.btob.platform.audit.AuditAction;

/**
 * The allowed transitions of an invoice, written once. Anything else is refused with the
 * invalid-transition problem naming the current state; an action of the other party with the
 * wrong-party problem.
 *
 * <pre>
 *   (issue, seller) --> ISSUED --approve (buyer)--> APPROVED
 *                       ISSUED --dispute (buyer)--> DISPUTED
 *              ISSUED, DISPUTED --cancel (seller)--> CANCELLED
 *              ISSUED, APPROVED --record a payment (seller)--> the same
 * </pre>
 */
enum InvoiceAction {

    APPROVE("approve", EnumSet.of(InvoiceStatus.ISSUED), Side.BUYER, InvoiceStatus.APPROVED,
            AuditAction.INVOICE_APPROVE),
    DISPUTE("dispute", EnumSet.of(InvoiceStatus.ISSUED), Side.BUYER, InvoiceStatus.DISPUTED,
            AuditAction.INVOICE_DISPUTE),
    CANCEL("cancel", EnumSet.of(InvoiceStatus.ISSUED, InvoiceStatus.DISPUTED), Side.SELLER, InvoiceStatus.CANCELLED,
            AuditAction.INVOICE_CANCEL),
    PAY("record a payment for", EnumSet.of(InvoiceStatus.ISSUED, InvoiceStatus.APPROVED), Side.SELLER, null,
            AuditAction.PAYMENT_RECORD);

    private final String verb;

    private final Set<InvoiceStatus> from;

    private final Side side;

    private final InvoiceStatus to;

    private final AuditAction audited;

    InvoiceAction(String verb, Set<InvoiceStatus> from, Side side, InvoiceStatus to, AuditAction audited) {
        this.verb = verb;
        this.from = from;
        this.side = side;
        this.to = to;
        this.audited = audited;
    }

    String verb() {
        return verb;
    }

    Set<InvoiceStatus> from() {
        return from;
    }

    Side side() {
        return side;
    }

    /** The state the action leads to; null when the invoice stays in its state. */
    InvoiceStatus to() {
        return to;
    }

    AuditAction audited() {
        return audited;
    }

    /** Which party of the trade takes an action: the issuer (seller) or the recipient (buyer). */
    enum Side { SELLER, BUYER }
}
