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
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** A company's approval routes: defined once, read by the company's administrators. */
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
     * range may share no amount with another route of the subject.
     */
    Mono<WorkflowRouteRow> create(Caller caller, String name, ApprovalSubject subject, long min, Long max,
                                  List<RouteStep> steps) {
        UUID company = caller.companyId();
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
                .then(Mono.defer(() -> routes.overlaps(company, subject, min, max)))
                .flatMap(overlaps -> overlaps ? Mono.error(new UnprocessableFieldException("minAmount", "Another "
                        + subject.getValue() + " route covers part of this range; an amount chooses one route."))
                        : routes.insert(company, name, subject, min, max, steps, caller.actor().id(),
                        Times.now(clock)))
                .flatMap(routes::find)
                .flatMap(route -> audit.record(new AuditEntry(company, caller.actor(), AuditAction.WORKFLOW_ROUTE_CREATE,
                        "workflow-route", route.id(), AuditOutcome.SUCCESS, Map.of("subject", subject.getValue(),
                        "steps", steps.size()))).thenReturn(route))
                .as(tx::transactional);
    }

    Mono<WorkflowRouteRow> find(Caller caller, UUID id) {
        return routes.find(id)
                .filter(route -> route.companyId().equals(caller.companyId()))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("approval route")));
    }
}
