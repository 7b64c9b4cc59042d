package jp.btob.platform.quote;

import java.util.EnumSet;
import java.util.Set;

import jp.btob.platform.api.model.QuoteStatus;
import jp.btob.platform.audit.AuditAction;

/**
 * The allowed transitions of a quote, written once. Anything else is refused with the
 * invalid-transition problem naming the current state; an action of the other party with the
 * wrong-party problem.
 *
 * <pre>
 *   DRAFT --edit (seller)--> DRAFT
 *   DRAFT --send (seller)--> SENT --accept (buyer)--> ACCEPTED
 *                            SENT --reject (buyer)--> REJECTED
 *                            SENT --request-revision (buyer)--> REVISION_REQUESTED --revise (seller)--> SENT
 *   SENT, REVISION_REQUESTED --withdraw (seller)--> WITHDRAWN
 * </pre>
 */
enum QuoteAction {

    EDIT("edit", EnumSet.of(QuoteStatus.DRAFT), QuoteStatus.DRAFT, Side.SELLER, AuditAction.QUOTE_UPDATE),
    SEND("send", EnumSet.of(QuoteStatus.DRAFT), QuoteStatus.SENT, Side.SELLER, AuditAction.QUOTE_SEND),
    ACCEPT("accept", EnumSet.of(QuoteStatus.SENT), QuoteStatus.ACCEPTED, Side.BUYER, AuditAction.QUOTE_ACCEPT),
    REJECT("reject", EnumSet.of(QuoteStatus.SENT), QuoteStatus.REJECTED, Side.BUYER, AuditAction.QUOTE_REJECT),
    REQUEST_REVISION("request revision of", EnumSet.of(QuoteStatus.SENT), QuoteStatus.REVISION_REQUESTED, Side.BUYER,
            AuditAction.QUOTE_REQUEST_REVISION),
    REVISE("revise", EnumSet.of(QuoteStatus.REVISION_REQUESTED), QuoteStatus.SENT, Side.SELLER, AuditAction.QUOTE_REVISE),
    WITHDRAW("withdraw", EnumSet.of(QuoteStatus.SENT, QuoteStatus.REVISION_REQUESTED), QuoteStatus.WITHDRAWN, Side.SELLER,
            AuditAction.QUOTE_WITHDRAW);

    private final String verb;

    private final Set<QuoteStatus> from;

    private final QuoteStatus to;

    private final Side side;

    private final AuditAction audited;

    QuoteAction(String verb, Set<QuoteStatus> from, QuoteStatus to, Side side, AuditAction audited) {
        this.verb = verb;
        this.from = from;
        this.to = to;
        this.side = side;
        this.audited = audited;
    }

    String verb() {
        return verb;
    }

    Set<QuoteStatus> from() {
        return from;
    }

    QuoteStatus to() {
        return to;
    }

    Side side() {
        return side;
    }

    AuditAction audited() {
        return audited;
    }

    /** Whether the contents the buyer sees change: the issue date and, for a revision, the revision number move. */
    boolean issues() {
        return this == SEND || this == REVISE;
    }

    /** Which party of the trade takes an action. */
    enum Side { SELLER, BUYER }
}
