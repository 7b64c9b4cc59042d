package jp.btob.platform.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.ApprovalSubject;

/**
 * An approval route at its current version, with that version's steps in order; {@code maxAmount}
 * null is no upper bound, {@code retiredAt} null while it takes requests.
 */
record WorkflowRouteRow(UUID id, UUID companyId, String name, ApprovalSubject subject, long minAmount, Long maxAmount,
                        List<RouteStep> steps, int version, Instant createdAt, Instant retiredAt) {

    WorkflowRouteRow {
        steps = List.copyOf(steps);
    }

    WorkflowRouteRow with(List<RouteStep> routeSteps) {
        return new WorkflowRouteRow(id, companyId, name, subject, minAmount, maxAmount, routeSteps, version, createdAt,
                retiredAt);
    }
}
