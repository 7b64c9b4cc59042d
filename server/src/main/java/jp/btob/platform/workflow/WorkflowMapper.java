package jp.btob.platform.workflow;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.ApprovalDecision;
import jp.btob.platform.api.model.ApprovalRequest;
import jp.btob.platform.api.model.ApprovalSubject;
import jp.btob.platform.api.model.OrderCreate;
import jp.btob.platform.api.model.TaxCategory;
import jp.btob.platform.api.model.TradeLineInput;
import jp.btob.platform.api.model.WorkflowDelegation;
import jp.btob.platform.api.model.WorkflowRoute;
import jp.btob.platform.api.model.WorkflowRouteCreate;
import jp.btob.platform.api.model.WorkflowStep;
import jp.btob.platform.order.OrderDraft;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.InvalidParameterException;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import jp.btob.platform.trade.TradeModels;

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
                .documentRevision(row.documentRevision())
                .order(row.order() == null || row.order().quoteId() != null ? null : order(row.order()))
                .quoteId(row.order() == null ? null : row.order().quoteId())
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

    /**
     * The order a request carries: the order's body, or an accepted quote's ID, not both; null
     * when neither is given.
     */
    static OrderDraft order(OrderCreate order, UUID quoteId) {
        if (order != null && quoteId != null) {
            throw new UnprocessableFieldException("order", "Give either the order to place as order, or the"
                    + " accepted quote to order as quoteId, not both.");
        }
        if (quoteId != null) {
            return OrderDraft.ofQuote(quoteId);
        }
        return order == null ? null : OrderDraft.of(order.getSellerId(), order.getTitle(), order.getNotes(),
                TradeModels.lines(order.getLines()));
    }

    private static OrderCreate order(OrderDraft draft) {
        return new OrderCreate(draft.sellerId(), draft.title(), draft.lines().stream()
                .map(line -> new TradeLineInput(line.description(), line.quantity().toPlainString(),
                        line.unitPrice().toPlainString(), TaxCategory.fromValue(line.taxCategory().value()))
                        .unit(line.unit()))
                .toList())
                .notes(draft.notes());
    }

    /** A route as defined in a request body; no {@code minAmount} starts it at 0 yen. */
    static RouteDefinition definition(WorkflowRouteCreate body) {
        return new RouteDefinition(body.getName(), body.getSubject(),
                body.getMinAmount() == null ? 0L : body.getMinAmount(), body.getMaxAmount(),
                body.getSteps().stream().map(WorkflowMapper::step).toList());
    }

    private static RouteStep step(WorkflowStep step) {
        return new RouteStep(step.getMode(), List.copyOf(step.getUserIds()), List.copyOf(step.getRoleIds()));
    }

    private static List<WorkflowStep> steps(List<RouteStep> steps) {
        return steps.stream().map(step -> new WorkflowStep(step.mode())
                .userIds(new LinkedHashSet<>(step.userIds()))
                .roleIds(new LinkedHashSet<>(step.roleIds()))).toList();
    }
}
