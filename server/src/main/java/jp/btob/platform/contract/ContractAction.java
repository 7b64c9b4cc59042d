package jp.btob.platform.contract;

import java.util.EnumSet;
import java.util.Set;

import jp.btob.platform.api.model.ContractStatus;
import jp.btob.platform.audit.AuditAction;

/**
 * The allowed transitions of a contract, written once. Anything else is refused with the
 * invalid-transition problem naming the current state; an action of the other party with the
 * wrong-party problem.
 *
 * <pre>
 *   (create, drafter) --> DRAFT
 *   DRAFT, CHANGES_REQUESTED --revise (drafter)--> the same, at a new revision
 *   DRAFT, CHANGES_REQUESTED --send (drafter)--> SENT
 *   SENT --request-changes (counterparty)--> CHANGES_REQUESTED
 *   SENT --agree (counterparty)--> AGREED_BY_COUNTERPARTY --agree (drafter)--> AGREED
 *   any but AGREED, CANCELLED --cancel (either)--> CANCELLED
 * </pre>
 */
enum ContractAction {

    // A revision keeps the state: null stands for "the state it starts from".
    REVISE("revise", EnumSet.of(ContractStatus.DRAFT, ContractStatus.CHANGES_REQUESTED), Role.DRAFTER, null,
            AuditAction.CONTRACT_REVISE),
    SEND("send", EnumSet.of(ContractStatus.DRAFT, ContractStatus.CHANGES_REQUESTED), Role.DRAFTER,
            ContractStatus.SENT, AuditAction.CONTRACT_SEND),
    REQUEST_CHANGES("request changes to", EnumSet.of(ContractStatus.SENT), Role.COUNTERPARTY,
            ContractStatus.CHANGES_REQUESTED, AuditAction.CONTRACT_REQUEST_CHANGES),
    AGREE_AS_COUNTERPARTY("agree to", EnumSet.of(ContractStatus.SENT), Role.COUNTERPARTY,
            ContractStatus.AGREED_BY_COUNTERPARTY, AuditAction.CONTRACT_AGREE),
    AGREE_AS_DRAFTER("agree to", EnumSet.of(ContractStatus.AGREED_BY_COUNTERPARTY), Role.DRAFTER,
            ContractStatus.AGREED, AuditAction.CONTRACT_AGREE),
    CANCEL("cancel", EnumSet.of(ContractStatus.DRAFT, ContractStatus.SENT, ContractStatus.CHANGES_REQUESTED,
            ContractStatus.AGREED_BY_COUNTERPARTY), Role.EITHER, ContractStatus.CANCELLED, AuditAction.CONTRACT_CANCEL);

    private final String verb;

    private final Set<ContractStatus> from;

    private final Role role;

    private final ContractStatus to;

    private final AuditAction audited;

    ContractAction(String verb, Set<ContractStatus> from, Role role, ContractStatus to, AuditAction audited) {
        this.verb = verb;
        this.from = from;
        this.role = role;
        this.to = to;
        this.audited = audited;
    }

    String verb() {
        return verb;
    }

    Set<ContractStatus> from() {
        return from;
    }

    Role role() {
        return role;
    }

    /** The state after the action taken from {@code current}. */
    ContractStatus to(ContractStatus current) {
        return to == null ? current : to;
    }

    AuditAction audited() {
        return audited;
    }

    /** The agreement the party of the company takes: the counterparty's first, then the drafter's. */
    static ContractAction agreeAs(Role party) {
        return party == Role.DRAFTER ? AGREE_AS_DRAFTER : AGREE_AS_COUNTERPARTY;
    }

    /** Which party of the contract takes an action. */
    enum Role { DRAFTER, COUNTERPARTY, EITHER }
}
