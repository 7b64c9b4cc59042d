package jp.btob.platform.workflow;

import java.util.LinkedHashSet;
import java.util.List;

import jp.btob.platform.api.model.ApprovalDecision;
import jp.btob.platform.api.model.ApprovalRequest;
import jp.btob.platform.api.model.WorkflowRoute;
import jp.btob.platform.api.model.WorkflowStep;
import jp.btob.platform.system.Times;

/** Routes and requests between the API's models and the domain's records, in one place. */
final class WorkflowMapper {

    private WorkflowMapper() {
    }

    static WorkflowRoute toApi(WorkflowRouteRow row) {
        return new WorkflowRoute(row.id(), row.name(), row.subject(), row.minAmount(), steps(row.steps()),
                Times.utc(row.createdAt()))
                .maxAmount(row.maxAmount());
    }

    static ApprovalRequest toApi(ApprovalRequestRow row) {
        return new ApprovalRequest(row.id(), row.subject(), row.amount(), row.routeId(), row.applicantId(),
                row.status(), row.version(), steps(row.steps()), row.decisions().stream()
                .map(decision -> new ApprovalDecision(decision.round(), decision.step(), decision.userId(), decision.decision(),
                        Times.utc(decision.decidedAt())).reason(decision.reason()))
                .toList(), Times.utc(row.createdAt()), Times.utc(row.updatedAt()))
                .documentId(row.documentId())
                .title(row.title())
                .body(row.body())
                .currentStep(row.currentStep());
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
