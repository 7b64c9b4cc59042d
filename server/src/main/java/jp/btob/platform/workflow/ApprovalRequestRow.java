package jp.btob.platform.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.ApprovalDecisionKind;
import jp.btob.platform.api.model.ApprovalStatus;
import jp.btob.platform.api.model.ApprovalSubject;
import jp.btob.platform.order.OrderDraft;

/**
 * An approval request with the steps of the route's version it was filed on and every decision
 * taken; {@code currentStep} is null unless it is in progress, and {@code round} counts its
 * send-backs. {@code documentRevision} is the contract's revision a {@code contract-agreement}
 * covers, {@code order} the order an {@code order-placement} places; both null for other subjects.
 */
record ApprovalRequestRow(UUID id, UUID companyId, UUID routeId, int routeVersion, ApprovalSubject subject,
                          UUID documentId, Integer documentRevision, OrderDraft order, String title, long amount,
                          String body, UUID applicantId, ApprovalStatus status, Integer currentStep, int round,
                          int version, Instant createdAt, Instant updatedAt, List<RouteStep> steps,
                          List<Decision> decisions) {

    ApprovalRequestRow {
        steps = List.copyOf(steps);
        decisions = List.copyOf(decisions);
    }

    ApprovalRequestRow with(List<RouteStep> routeSteps, List<Decision> taken) {
        return new ApprovalRequestRow(id, companyId, routeId, routeVersion, subject, documentId, documentRevision,
                order, title, amount, body, applicantId, status, currentStep, round, version, createdAt, updatedAt,
                routeSteps, taken);
    }

    /**
     * Whether the user decided the current step in this round already, for themselves or for
     * another, or had it decided for them.
     */
    boolean decidedBy(UUID userId) {
        return decisions.stream().anyMatch(decision -> decision.round() == round && decision.step() == currentStep
                && decision.involves(userId));
    }

    /** The approvals of the current step in this round. */
    List<Decision> approvals() {
        return decisions.stream().filter(decision -> decision.round() == round && decision.step() == currentStep
                && decision.decision() == ApprovalDecisionKind.APPROVED).toList();
    }
}
