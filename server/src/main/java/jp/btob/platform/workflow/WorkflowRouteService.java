package jp.btob.platform.workflow;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.ApprovalSubject;
import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.InvalidTransitionException;
import jp.btob.platform.system.problem.PreconditionFailedException;
import jp.btob.platform.system.problem.PreconditionRequiredException;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A company's approval routes, read and managed by its administrators: defined, changed as a
 * new version, retired. The requests filed on a route keep the steps of their version.
 */
@Service
class WorkflowRouteService {

    private final WorkflowRouteRepository routes;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    WorkflowRouteService(WorkflowRouteRepository routes, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.routes = routes;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Defines a route. Its approvers must be the company's users and roles it may grant, and its
     * range may share no amount with another route of the subject in use.
     */
    Mono<WorkflowRouteRow> create(Caller caller, RouteDefinition route) {
        UUID company = caller.companyId();
        return checked(company, route, null)
                .then(Mono.defer(() -> routes.insert(company, route, caller.actor().id(), Times.now(clock))))
                .flatMap(routes::find)
                .flatMap(created -> recorded(caller, created, AuditAction.WORKFLOW_ROUTE_CREATE))
                .as(tx::transactional);
    }

    /**
     * Writes the route's name, range and steps as its next version, by the same rules as a new
     * route; its subject stays.
     */
    Mono<WorkflowRouteRow> update(Caller caller, UUID id, String ifMatch, RouteDefinition next) {
        return changeable(caller, id, ifMatch, "changed").flatMap(route -> {
            if (next.subject() != route.subject()) {
                return Mono.error(new UnprocessableFieldException("subject", "A route's subject does not change;"
                        + " retire this " + route.subject().getValue() + " route and define another."));
            }
            return checked(route.companyId(), next, id)
                    .then(Mono.defer(() -> routes.revise(id, route.version(), next)))
                    .flatMap(revised -> revised ? routes.find(id) : Mono.error(stale()))
                    .flatMap(after -> recorded(caller, after, AuditAction.WORKFLOW_ROUTE_UPDATE))
                    .as(tx::transactional);
        });
    }

    /** Retires the route: no new request is filed on it, those in progress go on. */
    Mono<WorkflowRouteRow> retire(Caller caller, UUID id, String ifMatch) {
        return changeable(caller, id, ifMatch, "retired").flatMap(route -> routes.retire(id, route.version(),
                        Times.now(clock))
                .flatMap(retired -> retired ? routes.find(id) : Mono.error(stale()))
                .flatMap(after -> recorded(caller, after, AuditAction.WORKFLOW_ROUTE_RETIRE))
                .as(tx::transactional));
    }

    Mono<WorkflowRouteRow> find(Caller caller, UUID id) {
        return routes.find(id)
                .filter(route -> route.companyId().equals(caller.companyId()))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("approval route")));
    }

    Flux<WorkflowRouteRow> list(Caller caller, ApprovalSubject subject, boolean retired, PageCursor after, int fetch) {
        return routes.list(caller.companyId(), subject, retired, after, fetch);
    }

    /** The route of the caller's company, at the version If-Match names and in use. */
    private Mono<WorkflowRouteRow> changeable(Caller caller, UUID id, String ifMatch, String verb) {
        return find(caller, id).flatMap(route -> {
            if (ifMatch == null) {
                return Mono.error(new PreconditionRequiredException("Send the ETag of the approval route as last"
                        + " read as If-Match."));
            }
            if (!ETags.matches(ifMatch, route.version())) {
                return Mono.error(stale());
            }
            if (route.retiredAt() != null) {
                return Mono.error(new InvalidTransitionException("The approval route is retired; a retired route"
                        + " cannot be " + verb + "."));
            }
            return Mono.just(route);
        });
    }

    /**
     * Checks the range and the approvers, then takes the subject's lock and checks that the range
     * overlaps no other route of the subject in use ({@code except}: the route being changed).
     */
    private Mono<Void> checked(UUID company, RouteDefinition route, UUID except) {
        ApprovalSubject subject = route.subject();
        long min = route.min();
        Long max = route.max();
        List<RouteStep> steps = route.steps();
        if (max != null && max < min) {
            return Mono.error(new UnprocessableFieldException("maxAmount", "The range ends at " + max
                    + " yen, below its start " + min + "."));
        }
        if (steps.stream().anyMatch(step -> step.userIds().isEmpty() && step.roleIds().isEmpty())) {
            return Mono.error(new UnprocessableFieldException("steps", "Name at least one user or role in every"
                    + " step."));
        }
        List<UUID> users = steps.stream().flatMap(step -> step.userIds().stream()).distinct().toList();
        List<UUID> roles = steps.stream().flatMap(step -> step.roleIds().stream()).distinct().toList();
        return routes.users(company, users).zipWith(routes.roles(company, roles))
                .flatMap(found -> found.getT1() == users.size() && found.getT2() == roles.size() ? Mono.empty()
                        : Mono.error(new UnprocessableFieldException("steps", "Every approver must be a user of"
                        + " your company or a role it may grant.")))
                .then(routes.lock(company, subject))
                .then(Mono.defer(() -> routes.overlaps(company, subject, min, max, except)))
                .flatMap(overlaps -> overlaps ? Mono.error(new UnprocessableFieldException("minAmount", "Another "
                        + subject.getValue() + " route covers part of this range; an amount chooses one route."))
                        : Mono.empty());
    }

    private Mono<WorkflowRouteRow> recorded(Caller caller, WorkflowRouteRow route, AuditAction action) {
        return audit.record(new AuditEntry(route.companyId(), caller.actor(), action, "workflow-route", route.id(),
                AuditOutcome.SUCCESS, Map.of("subject", route.subject().getValue(), "steps", route.steps().size(),
                "version", route.version()))).thenReturn(route);
    }

    private static PreconditionFailedException stale() {
        return new PreconditionFailedException("The approval route is not at the version that If-Match names: it"
                + " was changed since you read it. Read it again.");
    }
}
