package jp.btob.platform.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.ApprovalDecisionKind;

/**
 * A decision on one step of a request in one round; {@code roles}: the step's roles the decider
 * held then.
 */
record Decision(int round, int step, UUID userId, ApprovalDecisionKind decision, List<UUID> roles, String reason,
                Instant decidedAt) {

    Decision {
        roles = List.copyOf(roles);
    }
}
