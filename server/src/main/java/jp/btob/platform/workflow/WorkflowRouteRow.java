package jp.btob.platform.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.ApprovalSubject;

/** An approval route with its steps in order; {@code maxAmount} null is no upper bound. */
record WorkflowRouteRow(UUID id, UUID companyId, String name, ApprovalSubject subject, long minAmount, Long maxAmount,
                        List<RouteStep> steps, Instant createdAt) {

    WorkflowRouteRow {
        steps = List.copyOf(steps);
    }
}
