package jp.btob.platform.partner;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.PartnerStatus;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.company.CompanyRepository;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.ConflictException;
import jp.btob.platform.system.problem.ForbiddenException;
import jp.btob.platform.system.problem.InvalidTransitionException;
import jp.btob.platform.system.problem.UnprocessableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Invitations between companies and the life of their connection. Each change commits with its
 * audit events, one on each company's chain, or not at all.
 */
@Service
public class PartnerService {

    private final PartnerRepository connections;

    private final CompanyRepository companies;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    PartnerService(PartnerRepository connections, CompanyRepository companies, AuditLog audit,
                   TransactionalOperator tx, Clock clock) {
        this.connections = connections;
        this.companies = companies;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<PartnerConnectionRow> invite(Caller user, String partnerCode, String message) {
        return companies.findByCode(partnerCode)
                .switchIfEmpty(Mono.error(() -> new UnprocessableException("No company has the code " + partnerCode + ".")))
                .filter(partner -> !partner.id().equals(user.companyId()))
                .switchIfEmpty(Mono.error(() -> new UnprocessableException("A company cannot invite itself.")))
                .flatMap(partner -> connections.insertInvitation(user.companyId(), partner.id(), message,
                                Times.now(clock))
                        .flatMap(id -> audited(user, partner.id(), AuditAction.PARTNER_INVITE, id).thenReturn(id))
                        .as(tx::transactional))
                .switchIfEmpty(Mono.error(() -> new ConflictException(
                        "Your company and " + partnerCode + " are already connected or invited.")))
                .flatMap(id -> connections.findFor(id, user.companyId()));
    }

    Mono<PartnerConnectionRow> find(Caller user, UUID connectionId) {
        return connections.findFor(connectionId, user.companyId())
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("partner connection")));
    }

    Flux<PartnerConnectionRow> list(Caller user, PartnerStatus status, PageCursor after, int limit) {
        return connections.listFor(user.companyId(), status, after, limit);
    }

    /**
     * Takes an action on a connection. The checks come in the order that leaks least: a
     * connection the caller cannot see is not found, whatever their role.
     */
    Mono<PartnerConnectionRow> apply(Caller user, UUID connectionId, PartnerAction action) {
        return find(user, connectionId)
                .flatMap(connection -> {
                    if (connection.status() != action.from()) {
                        return Mono.error(notFrom(action, connection.status()));
                    }
                    if (!action.allowedFor(connection, user.companyId())) {
                        return Mono.error(new ForbiddenException(
                                "Only " + action.sideDescription() + " may " + action.verb() + " this connection."));
                    }
                    UUID partner = connection.inviterId().equals(user.companyId())
                            ? connection.inviteeId() : connection.inviterId();
                    return connections.transition(connectionId, action, user.companyId(), Times.now(clock))
                            .flatMap(changed -> changed
                                    ? audited(user, partner, action.audited(), connectionId).thenReturn(true)
                                    : Mono.just(false))
                            .as(tx::transactional)
                            .flatMap(changed -> changed
                                    ? find(user, connectionId)
                                    : find(user, connectionId).flatMap(now -> Mono.error(notFrom(action, now.status()))));
                });
    }

    /** The change, on the chains of both companies: each administrator sees what happened to their connections. */
    private Mono<Void> audited(Caller user, UUID partner, AuditAction action, UUID connectionId) {
        Actor actor = user.actor();
        return audit.record(List.of(
                AuditEntry.success(user.companyId(), actor, action, "partner-connection", connectionId),
                AuditEntry.success(partner, actor, action, "partner-connection", connectionId)));
    }

    private static InvalidTransitionException notFrom(PartnerAction action, PartnerStatus current) {
        return new InvalidTransitionException("The connection is " + current + "; only a connection that is "
                + action.from() + " can be " + action.verb() + (action.verb().endsWith("e") ? "d." : "ed."));
    }
}
