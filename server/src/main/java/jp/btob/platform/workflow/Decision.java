package jp.btob.platform.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.ApprovalDecisionKind;

/**
 * A decision on one step of a request in one round: {@code userId} decided, as the delegate of
 * {@code onBehalfOf} when that is not null; {@code roles}: the step's roles the approver it counts
 * for held then.
 */
record Decision(int round, int step, UUID userId, UUID onBehalfOf, ApprovalDecisionKind decision, List<UUID> roles,
                String reason, Instant decidedAt) {

    Decision {
        roles = List.copyOf(roles);
    }

    /** The approver the decision counts for: the one decided for, or the decider. */
    UUID approver() {
        return onBehalfOf == null ? userId : onBehalfOf;
    }

    /** Whether the user took this decision or had it taken for them. */
    boolean involves(UUID user) {
        return userId.equals(user) || user.equals(onBehalfOf);
    }
}
