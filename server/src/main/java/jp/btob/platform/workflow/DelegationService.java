package jp.btob.platform.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditActorType;
import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.ForbiddenException;
import jp.btob.platform.system.problem.InvalidTransitionException;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delegations of approvals (代理承認, SVC-WF): a user hands their approvals to another user of
 * their company for a period, and may end it early. A delegation is seen by its two users only.
 */
@Service
class DelegationService {

    private final DelegationRepository delegations;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    private final WorkflowProperties properties;

    DelegationService(DelegationRepository delegations, AuditLog audit, TransactionalOperator tx, Clock clock,
                      WorkflowProperties properties) {
        this.delegations = delegations;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /** Delegates the caller's approvals to the delegate for {@code [from, until)}; {@code from} null: now. */
    Mono<DelegationRow> create(Caller caller, UUID delegateId, Instant from, Instant until, String note) {
        UUID delegator = user(caller);
        Instant now = Times.now(clock);
        Instant start = from == null ? now : from;
        if (delegateId.equals(delegator)) {
            return Mono.error(new UnprocessableFieldException("delegateId", "Delegate your approvals to another"
                    + " user, not to yourself."));
        }
        if (!until.isAfter(start) || !until.isAfter(now)) {
            return Mono.error(new UnprocessableFieldException("until", "The delegation must end after it starts"
                    + " and after now."));
        }
        if (Duration.between(start, until).compareTo(properties.maxDelegation()) > 0) {
            return Mono.error(new UnprocessableFieldException("until", "A delegation lasts at most "
                    + properties.maxDelegation().toDays() + " days."));
        }
        return delegations.activeUser(caller.companyId(), delegateId)
                .flatMap(active -> active ? delegations.insert(caller.companyId(), delegator, delegateId, start, until,
                        note, now) : Mono.error(new UnprocessableFieldException("delegateId", "Name an active user"
                        + " of your company.")))
                .flatMap(delegations::find)
                .flatMap(row -> recorded(caller, row, AuditAction.WORKFLOW_DELEGATE))
                .as(tx::transactional);
    }

    /** The caller's delegations: given, received, or both ({@code direction} null). */
    Flux<DelegationRow> list(Caller caller, String direction, PageCursor after, int fetch) {
        if (caller.actor().type() != AuditActorType.USER) {
            return Flux.empty();
        }
        boolean given = direction == null || "given".equals(direction);
        boolean received = direction == null || "received".equals(direction);
        return delegations.of(caller.companyId(), caller.actor().id(), given, received,
                after == null ? null : after.at(), after == null ? null : after.id(), fetch);
    }

    /** Ends the caller's delegation at once; it is kept, marked revoked. */
    Mono<DelegationRow> revoke(Caller caller, UUID id) {
        UUID user = caller.actor().id();
        return delegations.find(id)
                .filter(row -> row.companyId().equals(caller.companyId())
                        && (row.delegatorId().equals(user) || row.delegateId().equals(user)))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("delegation")))
                .flatMap(row -> {
                    if (!row.delegatorId().equals(user)) {
                        return Mono.error(new ForbiddenException("Only the delegator may revoke a delegation."));
                    }
                    Instant now = Times.now(clock);
                    return delegations.revoke(id, now)
                            .flatMap(revoked -> revoked ? delegations.find(id) : Mono.error(
                                    new InvalidTransitionException("The delegation is " + row.status(now).getValue()
                                            + "; only one not revoked and not ended can be revoked.")))
                            .flatMap(after -> recorded(caller, after, AuditAction.WORKFLOW_DELEGATION_REVOKE))
                            .as(tx::transactional);
                });
    }

    private Mono<DelegationRow> recorded(Caller caller, DelegationRow row, AuditAction action) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("delegateId", row.delegateId().toString());
        details.put("from", Times.utc(row.from()).toString());
        details.put("until", Times.utc(row.until()).toString());
        return audit.record(new AuditEntry(row.companyId(), caller.actor(), action, "workflow-delegation", row.id(),
                AuditOutcome.SUCCESS, details)).thenReturn(row);
    }

    private static UUID user(Caller caller) {
        if (caller.actor().type() != AuditActorType.USER) {
            throw new ForbiddenException("Approvals are delegated by users, not API clients.");
        }
        return caller.actor().id();
    }
}
