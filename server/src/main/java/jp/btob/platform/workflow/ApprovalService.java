package jp.btob.platform.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jp.btob.platform.api.model.ApprovalDecisionKind;
import jp.btob.platform.api.model.ApprovalStatus;
import jp.btob.platform.api.model.ApprovalSubject;
import jp.btob.platform.api.model.AuditActorType;
import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.contract.ContractApprovals;
import jp.btob.platform.invoice.ReceivedInvoices;
import jp.btob.platform.order.OrderDraft;
import jp.btob.platform.order.OrderPlacements;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.ConflictException;
import jp.btob.platform.system.problem.ForbiddenException;
import jp.btob.platform.system.problem.InvalidTransitionException;
import jp.btob.platform.system.problem.PreconditionFailedException;
import jp.btob.platform.system.problem.PreconditionRequiredException;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The life of an approval request (SVC-WF). The checks of an action come in the order that leaks
 * least: a request of another company is not found; then the version, the state, and who the
 * caller is to the request. Every step is on the company's audit trail in its transaction.
 */
@Service
class ApprovalService {

    private final ApprovalRequestRepository requests;

    private final WorkflowRouteRepository routes;

    private final ReceivedInvoices invoices;

    private final ContractApprovals contracts;

    private final OrderPlacements orders;

    private final DelegationRepository delegations;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    ApprovalService(ApprovalRequestRepository requests, WorkflowRouteRepository routes, ReceivedInvoices invoices,
                    ContractApprovals contracts, OrderPlacements orders, DelegationRepository delegations,
                    AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.requests = requests;
        this.routes = routes;
        this.invoices = invoices;
        this.contracts = contracts;
        this.orders = orders;
        this.delegations = delegations;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Files a request on the route the amount chooses: an invoice's total for {@code
     * invoice-approval}, the amount of the contract's current revision for {@code
     * contract-agreement}, the order's total for {@code order-placement} (the order checked as
     * placing it would be, and not placed), the amount stated for {@code free-form}.
     */
    Mono<ApprovalRequestRow> file(Caller caller, ApprovalSubject subject, UUID documentId, String title, Long amount,
                                  String body, OrderDraft order) {
        UUID applicant = user(caller);
        Mono<Target> target = switch (subject) {
            case INVOICE_APPROVAL -> invoice(caller, documentId);
            case CONTRACT_AGREEMENT -> contract(caller, documentId);
            case ORDER_PLACEMENT -> order(caller, order);
            case FREE_FORM -> title == null
                    ? Mono.error(new UnprocessableFieldException("title", "Give a free-form request its title."))
                    : Mono.just(Target.stated(amount == null ? 0L : amount));
        };
        boolean described = subject == ApprovalSubject.FREE_FORM || subject == ApprovalSubject.ORDER_PLACEMENT;
        return target.flatMap(filed -> routes.matching(caller.companyId(), subject, filed.amount())
                        .switchIfEmpty(Mono.error(() -> new UnprocessableFieldException(filed.field(), "No "
                                + subject.getValue() + " route of your company covers the amount " + filed.amount()
                                + " yen.")))
                        .flatMap(route -> requests.insert(caller.companyId(), route, subject, filed,
                                described ? title : null, described ? body : null, applicant, Times.now(clock))))
                .flatMap(this::loaded)
                .flatMap(row -> recorded(caller, row, AuditAction.WORKFLOW_REQUEST).thenReturn(row))
                .as(tx::transactional)
                .onErrorMap(DataIntegrityViolationException.class, ex -> String.valueOf(ex.getMessage())
                        .contains("workflow_request_document") ? new ConflictException("The " + (subject
                        == ApprovalSubject.CONTRACT_AGREEMENT ? "contract's current revision" : "invoice")
                        + " has an approval request in progress or approved already.") : ex);
    }

    Mono<ApprovalRequestRow> find(Caller caller, UUID id) {
        return requests.find(id)
                .filter(request -> request.companyId().equals(caller.companyId()))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("approval request")))
                .flatMap(this::loaded);
    }

    /**
     * Approves the current step, for the caller or, as their delegate, for {@code onBehalfOf}; the
     * step completes by its mode, and the last one approves the request.
     */
    Mono<ApprovalRequestRow> approve(Caller caller, UUID id, String ifMatch, UUID onBehalfOf) {
        return decide(caller, id, ifMatch, onBehalfOf, ApprovalDecisionKind.APPROVED, null, null);
    }

    /** Rejects the request, with the reason: it ends. */
    Mono<ApprovalRequestRow> reject(Caller caller, UUID id, String ifMatch, UUID onBehalfOf, String reason) {
        return decide(caller, id, ifMatch, onBehalfOf, ApprovalDecisionKind.REJECTED, reason, null);
    }

    /**
     * Sends the request back with the reason: to the applicant ({@code toStep} null), or to a step
     * before the current one; either starts the next round of decisions.
     */
    Mono<ApprovalRequestRow> sendBack(Caller caller, UUID id, String ifMatch, UUID onBehalfOf, String reason,
                                      Integer toStep) {
        return decide(caller, id, ifMatch, onBehalfOf, ApprovalDecisionKind.SENT_BACK, reason, toStep);
    }

    /** Withdraws the applicant's own request, in progress or sent back: it ends. */
    Mono<ApprovalRequestRow> withdraw(Caller caller, UUID id, String ifMatch) {
        return byApplicant(caller, id, ifMatch, "withdrawn", List.of(ApprovalStatus.IN_PROGRESS,
                ApprovalStatus.SENT_BACK), ApprovalStatus.WITHDRAWN, AuditAction.WORKFLOW_WITHDRAW);
    }

    /** Resubmits the applicant's request sent back: it starts again at step 1. */
    Mono<ApprovalRequestRow> resubmit(Caller caller, UUID id, String ifMatch) {
        return byApplicant(caller, id, ifMatch, "resubmitted", List.of(ApprovalStatus.SENT_BACK),
                ApprovalStatus.IN_PROGRESS, AuditAction.WORKFLOW_RESUBMIT);
    }

    private Mono<ApprovalRequestRow> byApplicant(Caller caller, UUID id, String ifMatch, String verb,
                                                 List<ApprovalStatus> from, ApprovalStatus to, AuditAction action) {
        return find(caller, id).flatMap(request -> {
            RuntimeException refused = refusal(request, ifMatch, verb, from);
            if (refused == null && !request.applicantId().equals(caller.actor().id())) {
                refused = new ForbiddenException("Only the applicant may have an approval request " + verb + ".");
            }
            if (refused != null) {
                return Mono.error(refused);
            }
            return requests.move(id, request.version(), request.status(), to,
                            to == ApprovalStatus.IN_PROGRESS ? 1 : null, request.round(), Times.now(clock))
                    .flatMap(moved -> moved ? find(caller, id) : Mono.error(stale()))
                    .flatMap(after -> recorded(caller, after, action).thenReturn(after))
                    .as(tx::transactional);
        });
    }

    /** What waits for the caller's decision, or for their delegators' while delegated, oldest first. */
    Flux<ApprovalRequestRow> inbox(Caller caller, PageCursor after, int fetch) {
        if (caller.actor().type() != AuditActorType.USER) {
            return Flux.empty();
        }
        return requests.inbox(caller.companyId(), caller.actor().id(), Times.now(clock), after, fetch)
                .concatMap(this::loaded);
    }

    /** The requests the caller filed, newest first. */
    Flux<ApprovalRequestRow> filed(Caller caller, ApprovalStatus status, ApprovalSubject subject, PageCursor after,
                                   int fetch) {
        if (caller.actor().type() != AuditActorType.USER) {
            return Flux.empty();
        }
        return requests.filedBy(caller.companyId(), caller.actor().id(), status, subject, after, fetch)
                .concatMap(this::loaded);
    }

    /**
     * Decides the current step for the caller, or for {@code onBehalfOf} under a delegation to
     * the caller in force. Nobody decides their own request, and a person decides a step once,
     * for themselves or for another, so a decision always counts for exactly one approver.
     */
    private Mono<ApprovalRequestRow> decide(Caller caller, UUID id, String ifMatch, UUID onBehalfOf,
                                            ApprovalDecisionKind decision, String reason, Integer toStep) {
        return find(caller, id).flatMap(request -> {
            RuntimeException refused = refusal(request, ifMatch, "decided", List.of(ApprovalStatus.IN_PROGRESS));
            if (refused != null) {
                return Mono.error(refused);
            }
            UUID user = caller.actor().id();
            if (caller.actor().type() != AuditActorType.USER || request.applicantId().equals(user)) {
                return Mono.error(new ForbiddenException("An applicant cannot decide their own approval request."));
            }
            UUID delegator = user.equals(onBehalfOf) ? null : onBehalfOf;
            if (request.applicantId().equals(delegator)) {
                return Mono.error(new ForbiddenException("Nobody decides the applicant's own approval request,"
                        + " their delegate neither."));
            }
            UUID approver = delegator == null ? user : delegator;
            RouteStep step = request.steps().get(request.currentStep() - 1);
            Mono<Boolean> delegated = delegator == null ? Mono.just(true)
                    : delegations.inForce(request.companyId(), delegator, user, Times.now(clock));
            return delegated.zipWith(requests.heldRoles(approver, step.roleIds()).collectList()).flatMap(both -> {
                List<UUID> held = both.getT2();
                if (!both.getT1()) {
                    return Mono.error(new ForbiddenException("No delegation of that user's approvals to you is in"
                            + " force."));
                }
                if (!step.names(approver, held)) {
                    return Mono.error(new ForbiddenException((delegator == null ? "You are" : "That user is")
                            + " no approver of step " + request.currentStep() + " of this request."));
                }
                if (request.decidedBy(user)) {
                    return Mono.error(new ConflictException("You decided step " + request.currentStep()
                            + " of this request already; a person decides a step once, for themselves or for"
                            + " another."));
                }
                if (delegator != null && request.decidedBy(delegator)) {
                    return Mono.error(new ConflictException("Step " + request.currentStep() + " of this request"
                            + " was decided by or for that user already."));
                }
                if (toStep != null && toStep >= request.currentStep()) {
                    return Mono.error(new UnprocessableFieldException("toStep", "Send the request back to a step"
                            + " before the current step " + request.currentStep() + ", or to the applicant."));
                }
                return decided(caller, request, step, new Decision(request.round(), request.currentStep(), user,
                        delegator, decision, held, reason, Times.now(clock)), toStep);
            });
        });
    }

    /**
     * Writes the decision and moves the request: the version is claimed first, so that of two
     * decisions sent at once on one version, the second answers 412 and writes nothing.
     */
    private Mono<ApprovalRequestRow> decided(Caller caller, ApprovalRequestRow request, RouteStep step, Decision taken,
                                             Integer toStep) {
        Instant now = taken.decidedAt();
        int current = request.currentStep();
        int round = request.round();
        List<Decision> approvals = new ArrayList<>(request.approvals());
        approvals.add(taken);
        ApprovalStatus status;
        Integer next;
        int nextRound = round;
        AuditAction action;
        switch (taken.decision()) {
            case REJECTED -> {
                status = ApprovalStatus.REJECTED;
                next = null;
                action = AuditAction.WORKFLOW_REJECT;
            }
            case SENT_BACK -> {
                status = toStep == null ? ApprovalStatus.SENT_BACK : ApprovalStatus.IN_PROGRESS;
                next = toStep;
                nextRound = round + 1;
                action = AuditAction.WORKFLOW_SEND_BACK;
            }
            default -> {
                boolean completed = step.completedBy(approvals);
                status = completed && current == request.steps().size() ? ApprovalStatus.APPROVED
                        : ApprovalStatus.IN_PROGRESS;
                next = status != ApprovalStatus.IN_PROGRESS ? null : completed ? current + 1 : current;
                action = AuditAction.WORKFLOW_APPROVE;
            }
        }
        return requests.move(request.id(), request.version(), ApprovalStatus.IN_PROGRESS, status, next, nextRound, now)
                .flatMap(moved -> moved ? requests.decide(request.id(), taken) : Mono.error(stale()))
                .then(Mono.defer(() -> status == ApprovalStatus.APPROVED ? approved(request) : Mono.<Void>empty()))
                .then(Mono.defer(() -> find(caller, request.id())))
                .flatMap(after -> recorded(caller, after, action, taken.onBehalfOf()).thenReturn(after))
                .as(tx::transactional);
    }

    /**
     * What the request's approval does, in its transaction: an {@code order-placement} places its
     * order, by the applicant. A placement refused now fails the approval, and nothing is written.
     */
    private Mono<Void> approved(ApprovalRequestRow request) {
        if (request.subject() != ApprovalSubject.ORDER_PLACEMENT) {
            return Mono.empty();
        }
        return orders.placeApproved(new Applicant(request.applicantId(), request.companyId()), request.order())
                .flatMap(orderId -> requests.placed(request.id(), orderId));
    }

    private static RuntimeException refusal(ApprovalRequestRow request, String ifMatch, String verb,
                                            List<ApprovalStatus> from) {
        if (ifMatch == null) {
            return new PreconditionRequiredException("Send the ETag of the approval request as last read as"
                    + " If-Match.");
        }
        if (!ETags.matches(ifMatch, request.version())) {
            return stale();
        }
        if (!from.contains(request.status())) {
            return new InvalidTransitionException("The approval request is " + request.status().getValue()
                    + "; only a request " + from.stream().map(ApprovalStatus::getValue)
                    .collect(Collectors.joining(" or ")) + " can be " + verb + ".");
        }
        return null;
    }

    private static PreconditionFailedException stale() {
        return new PreconditionFailedException("The approval request is not at the version that If-Match names: it"
                + " was changed since you read it. Read it again.");
    }

    /** The invoice's total, when the caller may approve it and the company received it. */
    private Mono<Target> invoice(Caller caller, UUID invoiceId) {
        return named(caller, Permission.INVOICE_APPROVE, "an invoice's approval", invoiceId,
                "Name an invoice your company received.", id -> invoices.total(caller.companyId(), id)
                        .map(total -> Target.document(id, total)));
    }

    /** The contract's current revision and its amount, when the caller may agree to it and its company read it. */
    private Mono<Target> contract(Caller caller, UUID contractId) {
        return named(caller, Permission.CONTRACT_AGREE, "a contract's agreement", contractId,
                "Name a contract your company is a party to.", id -> contracts.current(caller, id)
                        .map(current -> Target.revision(id, current.revision(), current.amount())));
    }

    /**
     * The document a request names, as {@code lookup} finds it for the caller: 403 unless the
     * caller holds {@code needed}, 422 naming {@code documentId} when none is named or found.
     */
    private static Mono<Target> named(Caller caller, Permission needed, String filing, UUID documentId,
                                      String unknown, Function<UUID, Mono<Target>> lookup) {
        if (!caller.holds(needed)) {
            return Mono.error(new ForbiddenException("Filing " + filing + " needs the permission " + needed.getValue()
                    + "."));
        }
        return (documentId == null ? Mono.<Target>empty() : lookup.apply(documentId))
                .switchIfEmpty(Mono.error(() -> new UnprocessableFieldException("documentId", unknown)));
    }

    /** The order's total, checked as placing it would check it, when the caller may place orders. */
    private Mono<Target> order(Caller caller, OrderDraft order) {
        if (!caller.holds(Permission.ORDER_PLACE)) {
            return Mono.error(new ForbiddenException("Filing an order's placement needs the permission order:place."));
        }
        if (order == null) {
            return Mono.error(new UnprocessableFieldException("order", "Give the order to place as order, or the"
                    + " accepted quote to order as quoteId."));
        }
        return orders.total(caller, order).map(total -> Target.order(order, total));
    }

    private static UUID user(Caller caller) {
        if (caller.actor().type() != AuditActorType.USER) {
            throw new ForbiddenException("Approval requests are filed and decided by users, not API clients.");
        }
        return caller.actor().id();
    }

    private Mono<ApprovalRequestRow> loaded(UUID id) {
        return requests.find(id).flatMap(this::loaded);
    }

    private Mono<ApprovalRequestRow> loaded(ApprovalRequestRow request) {
        return routes.steps(request.routeId(), request.routeVersion()).collectList()
                .zipWith(requests.decisions(request.id()).collectList())
                .map(both -> request.with(both.getT1(), both.getT2()));
    }

    private Mono<Void> recorded(Caller caller, ApprovalRequestRow after, AuditAction action) {
        return recorded(caller, after, action, null);
    }

    private Mono<Void> recorded(Caller caller, ApprovalRequestRow after, AuditAction action, UUID onBehalfOf) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subject", after.subject().getValue());
        details.put("status", after.status().getValue());
        if (after.currentStep() != null) {
            details.put("step", after.currentStep());
        }
        if (onBehalfOf != null) {
            details.put("onBehalfOf", onBehalfOf.toString());
        }
        return audit.record(new AuditEntry(after.companyId(), caller.actor(), action, "approval-request", after.id(),
                AuditOutcome.SUCCESS, details));
    }
}
