package jp.btob.platform.apiclient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.apiclient.ApiClientRepository.Fields;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.permission.Permissions;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.PermissionEscalationException;
import jp.btob.platform.system.problem.UnprocessableException;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a company administrator does with API clients. Every change commits with its audit event
 * or not at all; scopes are held to the administrator's own permissions.
 */
@Service
class ApiClientService {

    static final int MAX_CLIENTS = 50;

    static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private final ApiClientRepository clients;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    ApiClientService(ApiClientRepository clients, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.clients = clients;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Flux<ApiClientRow> list(Caller caller) {
        return clients.list(caller.companyId(), Times.now(clock));
    }

    Mono<ApiClientRow> find(Caller caller, UUID id) {
        return clients.find(id, caller.companyId(), Times.now(clock))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("API client")));
    }

    Mono<Created> create(Caller caller, Fields fields) {
        Instant now = Times.now(clock);
        return checked(caller, fields, now)
                .then(ApiClientSecrets.generate())
                .flatMap(secret -> clients.insert(caller.companyId(), fields, caller.actor().id(), now, MAX_CLIENTS)
                        .switchIfEmpty(Mono.error(() -> new UnprocessableException(
                                "A company has at most " + MAX_CLIENTS + " API clients; revoke one first.")))
                        .flatMap(id -> clients.insertSecret(id, ApiClientSecrets.hash(secret), ApiClientSecrets.shown(secret), now)
                                .then(audited(caller, AuditAction.API_CLIENT_CREATE, id, describe(fields, null)))
                                .thenReturn(id))
                        .as(tx::transactional)
                        .flatMap(id -> find(caller, id))
                        .map(row -> new Created(row, secret)));
    }

    Mono<ApiClientRow> update(Caller caller, UUID id, Fields fields) {
        Instant now = Times.now(clock);
        return checked(caller, fields, now)
                .then(Mono.defer(() -> clients.lock(id, caller.companyId())
                        .switchIfEmpty(Mono.error(() -> Tenancy.notFound("API client")))
                        .flatMap(before -> clients.update(id, fields, now)
                                .then(audited(caller, AuditAction.API_CLIENT_UPDATE, id, describe(fields, before))))
                        .as(tx::transactional)))
                .then(Mono.defer(() -> find(caller, id)));
    }

    Mono<Void> revoke(Caller caller, UUID id) {
        return clients.revoke(id, caller.companyId(), Times.now(clock))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("API client")))
                .flatMap(revoked -> audited(caller, AuditAction.API_CLIENT_REVOKE, id, null))
                .as(tx::transactional);
    }

    /** A new secret; the current one keeps working for {@code overlap}, any older one stops now. */
    Mono<Created> rotate(Caller caller, UUID id, Duration overlap) {
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            return Mono.error(new UnprocessableFieldException("overlapSeconds", "The overlap is 0 to "
                    + MAX_OVERLAP.toSeconds() + " seconds (seven days)."));
        }
        Instant now = Times.now(clock);
        return ApiClientSecrets.generate()
                .flatMap(secret -> clients.lock(id, caller.companyId())
                        .switchIfEmpty(Mono.error(() -> Tenancy.notFound("API client")))
                        .flatMap(scopes -> clients.rotate(id, ApiClientSecrets.hash(secret), ApiClientSecrets.shown(secret),
                                now, now.plus(overlap)))
                        .then(audited(caller, AuditAction.API_CLIENT_ROTATE, id,
                                Map.of("overlapSeconds", overlap.toSeconds())))
                        .as(tx::transactional)
                        .then(find(caller, id))
                        .map(row -> new Created(row, secret)));
    }

    /**
     * Refuses screen permissions and a past expiry with 422, and scopes the caller does not hold
     * with 403 {@code permission-escalation}, recorded as {@code access.denied}.
     */
    private Mono<Void> checked(Caller caller, Fields fields, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < fields.scopes().size(); i++) {
            Permission scope = fields.scopes().get(i);
            if (Permissions.isScreen(scope)) {
                errors.add(new FieldError("scopes[" + i + "]", FieldError.CodeEnum.INVALID,
                        scope.getValue() + " is a screen permission; an API client has no screens."));
            }
        }
        if (fields.expiresAt() != null && !fields.expiresAt().isAfter(now)) {
            errors.add(new FieldError("expiresAt", FieldError.CodeEnum.INVALID, "The expiry must lie in the future."));
        }
        if (!errors.isEmpty()) {
            return Mono.error(new UnprocessableException(errors.size() == 1 ? errors.get(0).getMessage()
                    : errors.size() + " fields are not valid.", errors));
        }
        List<String> beyond = fields.scopes().stream().filter(scope -> !caller.holds(scope))
                .map(Permission::getValue).sorted().toList();
        if (beyond.isEmpty()) {
            return Mono.empty();
        }
        return audit.record(new AuditEntry(caller.companyId(), caller.actor(), AuditAction.ACCESS_DENIED, "api-client",
                        null, AuditOutcome.FAILURE, Map.of("reason", "permission-escalation", "permissions", beyond)))
                .then(Mono.error(new PermissionEscalationException("An API client cannot be given permissions you do "
                        + "not hold yourself: " + String.join(", ", beyond) + ".")));
    }

    private Mono<Void> audited(Caller caller, AuditAction action, UUID id, Map<String, Object> details) {
        return audit.record(new AuditEntry(caller.companyId(), caller.actor(), action, "api-client", id,
                AuditOutcome.SUCCESS, details));
    }

    private static Map<String, Object> describe(Fields fields, List<Permission> before) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", fields.name());
        if (before != null) {
            details.put("scopesBefore", before.stream().map(Permission::getValue).toList());
        }
        details.put("scopes", fields.scopes().stream().map(Permission::getValue).sorted().toList());
        if (fields.expiresAt() != null) {
            details.put("expiresAt", fields.expiresAt().toString());
        }
        return details;
    }

    /** A client with the secret it was just given, which is never answered again. */
    record Created(ApiClientRow client, String secret) {
    }
}
