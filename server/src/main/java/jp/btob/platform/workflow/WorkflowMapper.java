package jp.btob.platform.workflow;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

import jp.btob.platform.api.model.ApprovalDecision;
import jp.btob.platform.api.model.ApprovalRequest;
import jp.btob.platform.api.model.ApprovalSubject;
import jp.btob.platform.api.model.WorkflowDelegation;
import jp.btob.platform.api.model.WorkflowRoute;
import jp.btob.platform.api.model.WorkflowStep;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.InvalidParameterException;

/** Routes, requests and delegations between the API's models and the domain's records, in one place. */
final class WorkflowMapper {

    private WorkflowMapper() {
    }

    static WorkflowRoute toApi(WorkflowRouteRow row) {
        return new WorkflowRoute(row.id(), row.name(), row.subject(), row.minAmount(), steps(row.steps()),
                row.version(), Times.utc(row.createdAt()))
                .maxAmount(row.maxAmount())
                .retiredAt(row.retiredAt() == null ? null : Times.utc(row.retiredAt()));
    }

    static WorkflowDelegation toApi(DelegationRow row, Instant now) {
        return new WorkflowDelegation(row.id(), row.delegatorId(), row.delegateId(), Times.utc(row.from()),
                Times.utc(row.until()), row.status(now), Times.utc(row.createdAt()))
                .note(row.note())
                .revokedAt(row.revokedAt() == null ? null : Times.utc(row.revokedAt()));
    }

    static ApprovalRequest toApi(ApprovalRequestRow row) {
        return new ApprovalRequest(row.id(), row.subject(), row.amount(), row.routeId(), row.routeVersion(),
                row.applicantId(),
                row.status(), row.version(), steps(row.steps()), row.decisions().stream()
                .map(decision -> new ApprovalDecision(decision.round(), decision.step(), decision.userId(), decision.decision(),
                        Times.utc(decision.decidedAt())).onBehalfOf(decision.onBehalfOf()).reason(decision.reason()))
                .toList(), Times.utc(row.createdAt()), Times.utc(row.updatedAt()))
                .documentId(row.documentId())
                .title(row.title())
                .body(row.body())
                .currentStep(row.currentStep());
    }

    /** A subject given as a query parameter, which the generated interface takes as a plain string. */
    static ApprovalSubject subject(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ApprovalSubject.fromValue(value);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidParameterException("subject", "is not a subject of approval routes");
        }
    }

    static RouteStep step(WorkflowStep step) {
        return new RouteStep(step.getMode(), List.copyOf(step.getUserIds()), List.copyOf(step.getRoleIds()));
    }

    private static List<WorkflowStep> steps(List<RouteStep> steps) {
        return steps.stream().map(step -> new WorkflowStep(step.mode())
                .userIds(new LinkedHashSet<>(step.userIds()))
                .roleIds(new LinkedHashSet<>(step.roleIds()))).toList();
    }
}
