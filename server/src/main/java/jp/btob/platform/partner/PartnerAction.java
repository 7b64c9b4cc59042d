package jp.btob.platform.partner;

import java.util.UUID;

import jp.btob.platform.api.model.PartnerStatus;
import jp.btob.platform.audit.AuditAction;

/**
 * The allowed transitions of a partner connection, written once. Any other change is refused
 * with the invalid-transition problem.
 *
 * <pre>
 *   INVITED --accept (invited side)--> ACTIVE --suspend (either side)--> SUSPENDED
 *                                      ACTIVE <--resume (suspending side)-- SUSPENDED
 * </pre>
 */
enum PartnerAction {

    ACCEPT("accept", PartnerStatus.INVITED, PartnerStatus.ACTIVE, Side.INVITED, AuditAction.PARTNER_ACCEPT),
    SUSPEND("suspend", PartnerStatus.ACTIVE, PartnerStatus.SUSPENDED, Side.EITHER, AuditAction.PARTNER_SUSPEND),
    RESUME("resume", PartnerStatus.SUSPENDED, PartnerStatus.ACTIVE, Side.SUSPENDING, AuditAction.PARTNER_RESUME);

    private final String verb;

    private final PartnerStatus from;

    private final PartnerStatus to;

    private final Side side;

    private final AuditAction audited;

    PartnerAction(String verb, PartnerStatus from, PartnerStatus to, Side side, AuditAction audited) {
        this.verb = verb;
        this.from = from;
        this.to = to;
        this.side = side;
        this.audited = audited;
    }

    String verb() {
        return verb;
    }

    PartnerStatus from() {
        return from;
    }

    PartnerStatus to() {
        return to;
    }

    /** Whether the company acting is on the side that may take this action. */
    boolean allowedFor(PartnerConnectionRow connection, UUID actingCompany) {
        return switch (side) {
            case INVITED -> connection.inviteeId().equals(actingCompany);
            case EITHER -> true;
            case SUSPENDING -> actingCompany.equals(connection.suspendedBy());
        };
    }

    String sideDescription() {
        return switch (side) {
            case INVITED -> "the invited company";
            case EITHER -> "either company";
            case SUSPENDING -> "the company that suspended it";
        };
    }

    Side side() {
        return side;
    }

    /** How the audit trail names this action. */
    AuditAction audited() {
        return audited;
    }

    /** Which company may take an action; the repository re-checks it in the same statement as the change. */
    enum Side { INVITED, EITHER, SUSPENDING }
}
