package jp.btob.platform.specsheet;

import java.util.EnumSet;
import java.util.Set;

import jp.btob.platform.api.model.SpecSheetStatus;
import jp.btob.platform.audit.AuditAction;

/**
 * The allowed transitions of a spec sheet, written once. Anything else is refused with the
 * invalid-transition problem naming the current state; an action of the other party with the
 * wrong-party problem.
 *
 * <pre>
 *   (request, buyer) --> REQUESTED
 *   REQUESTED, RETURNED --edit (seller)--> the same
 *   REQUESTED, RETURNED --submit (seller)--> SUBMITTED, revision + 1
 *   SUBMITTED --approve (buyer)--> APPROVED
 *   SUBMITTED --return (buyer)--> RETURNED
 *   REQUESTED, SUBMITTED, RETURNED --cancel (buyer)--> CANCELLED
 * </pre>
 */
enum SpecSheetAction {

    EDIT("edit", EnumSet.of(SpecSheetStatus.REQUESTED, SpecSheetStatus.RETURNED), null, Side.SELLER,
            AuditAction.SPEC_SHEET_UPDATE),
    SUBMIT("submit", EnumSet.of(SpecSheetStatus.REQUESTED, SpecSheetStatus.RETURNED), SpecSheetStatus.SUBMITTED,
            Side.SELLER, AuditAction.SPEC_SHEET_SUBMIT),
    APPROVE("approve", EnumSet.of(SpecSheetStatus.SUBMITTED), SpecSheetStatus.APPROVED, Side.BUYER,
            AuditAction.SPEC_SHEET_APPROVE),
    RETURN("return", EnumSet.of(SpecSheetStatus.SUBMITTED), SpecSheetStatus.RETURNED, Side.BUYER,
            AuditAction.SPEC_SHEET_RETURN),
    CANCEL("cancel", EnumSet.of(SpecSheetStatus.REQUESTED, SpecSheetStatus.SUBMITTED, SpecSheetStatus.RETURNED),
            SpecSheetStatus.CANCELLED, Side.BUYER, AuditAction.SPEC_SHEET_CANCEL);

    private final String verb;

    private final Set<SpecSheetStatus> from;

    private final SpecSheetStatus to;

    private final Side side;

    private final AuditAction audited;

    SpecSheetAction(String verb, Set<SpecSheetStatus> from, SpecSheetStatus to, Side side, AuditAction audited) {
        this.verb = verb;
        this.from = from;
        this.to = to;
        this.side = side;
        this.audited = audited;
    }

    String verb() {
        return verb;
    }

    Set<SpecSheetStatus> from() {
        return from;
    }

    /** The state the action leads to from {@code current}: an edit stays where it is. */
    SpecSheetStatus to(SpecSheetStatus current) {
        return to == null ? current : to;
    }

    Side side() {
        return side;
    }

    AuditAction audited() {
        return audited;
    }

    /** Which party of the trade takes an action: the seller supplies the sheet, the buyer asked for it. */
    enum Side { SELLER, BUYER }
}
