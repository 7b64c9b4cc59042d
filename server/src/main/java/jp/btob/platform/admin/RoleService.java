package jp.btob.platform.admin;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.api.model.RoleDefinition;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.CurrentUser;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.ConflictException;
import jp.btob.platform.system.problem.InvalidTransitionException;
import jp.btob.platform.system.problem.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A company's custom roles: defined, changed and deleted by administrators, each change with its
 * audit event in one transaction under the company's lock. Built-in roles are never changed.
 */
@Service
class RoleService {

    private static final String ROLE = "role";

    private final RoleRepository roles;

    private final CompanyLock lock;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    RoleService(RoleRepository roles, CompanyLock lock, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.roles = roles;
        this.lock = lock;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Flux<RoleRow> list(CurrentUser admin) {
        return roles.list(admin.companyId());
    }

    Mono<RoleRow> get(CurrentUser admin, UUID roleId) {
        return roles.find(admin.companyId(), roleId).switchIfEmpty(Mono.error(RoleService::notFound));
    }

    Mono<RoleRow> create(CurrentUser admin, RoleDefinition definition) {
        Set<Permission> permissions = copy(definition.getPermissions());
        String name = Names.required(definition.getName(), "name");
        UUID companyId = admin.companyId();
        return Mono.fromRunnable(() -> Escalation.check(admin, permissions, "define this role"))
                .then(lock.lock(companyId))
                .then(refuseTakenName(companyId, name, null))
                .then(roles.insert(companyId, name, definition.getDescription(), permissions, Times.now(clock)))
                .flatMap(id -> audit.record(new AuditEntry(companyId, admin.actor(), AuditAction.ROLE_CREATE, ROLE, id,
                                AuditOutcome.SUCCESS, Map.of("name", name, "permissions", names(permissions))))
                        .then(roles.find(companyId, id)))
                .as(tx::transactional);
    }

    /**
     * Replaces a custom role's name, description and permissions. Each holder gains what is
     * added, so that is recorded as {@code role.grant} for each of them.
     */
    Mono<RoleRow> update(CurrentUser admin, UUID roleId, RoleDefinition definition) {
        Set<Permission> permissions = copy(definition.getPermissions());
        String name = Names.required(definition.getName(), "name");
        UUID companyId = admin.companyId();
        return lock.lock(companyId)
                .then(changeable(companyId, roleId))
                .flatMap(before -> {
                    Set<Permission> added = EnumSet.copyOf(permissions);
                    added.removeAll(before.permissions());
                    Set<Permission> removed = EnumSet.copyOf(before.permissions());
                    removed.removeAll(permissions);
                    Escalation.check(admin, added, "add these permissions to the role");
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("name", name);
                    details.put("added", names(added));
                    details.put("removed", names(removed));
                    return refuseTakenName(companyId, name, roleId)
                            .then(roles.update(companyId, roleId, name, definition.getDescription(), permissions,
                                    Times.now(clock)))
                            .then(audit.record(new AuditEntry(companyId, admin.actor(), AuditAction.ROLE_UPDATE, ROLE,
                                    roleId, AuditOutcome.SUCCESS, details)))
                            .then(added.isEmpty() ? Mono.empty() : grantToHolders(admin, roleId, name, added));
                })
                .then(roles.find(companyId, roleId))
                .as(tx::transactional);
    }

    /** Deletes a custom role no user holds; deleted users' hold on it goes with it. */
    Mono<Void> delete(CurrentUser admin, UUID roleId) {
        UUID companyId = admin.companyId();
        return lock.lock(companyId)
                .then(changeable(companyId, roleId))
                .flatMap(role -> role.holders() > 0
                        ? Mono.error(new ConflictException("The role is held by " + role.holders()
                                + (role.holders() == 1 ? " user" : " users") + "; take it from them first."))
                        : roles.delete(companyId, roleId)
                                .then(audit.record(new AuditEntry(companyId, admin.actor(), AuditAction.ROLE_DELETE,
                                        ROLE, roleId, AuditOutcome.SUCCESS, Map.of("name", role.name(),
                                        "permissions", names(role.permissions()))))))
                .as(tx::transactional);
    }

    private Mono<Void> grantToHolders(CurrentUser admin, UUID roleId, String name, Set<Permission> added) {
        return roles.holders(admin.companyId(), roleId)
                .concatMap(user -> audit.record(new AuditEntry(admin.companyId(), admin.actor(), AuditAction.ROLE_GRANT,
                        "user", user, AuditOutcome.SUCCESS, Map.of("roleId", roleId.toString(), "role", name,
                        "permissions", names(added)))))
                .then();
    }

    /** The company's custom role; 404 for another company's or none, 409 for a built-in one. */
    private Mono<RoleRow> changeable(UUID companyId, UUID roleId) {
        return roles.find(companyId, roleId)
                .switchIfEmpty(Mono.error(RoleService::notFound))
                .flatMap(role -> role.builtIn()
                        ? Mono.error(new InvalidTransitionException("The built-in role " + role.builtInKey()
                                + " cannot be changed or deleted; define a custom role instead."))
                        : Mono.just(role));
    }

    private Mono<Void> refuseTakenName(UUID companyId, String name, UUID except) {
        return roles.nameTaken(companyId, name, except)
                .flatMap(taken -> taken
                        ? Mono.error(new ConflictException("The company already has a role named '" + name + "'."))
                        : Mono.empty());
    }

    private static Set<Permission> copy(Set<Permission> permissions) {
        return permissions == null || permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
    }

    static List<String> names(Set<Permission> permissions) {
        return permissions.stream().map(Permission::getValue).sorted().toList();
    }

    private static NotFoundException notFound() {
        return new NotFoundException("There is no such role.");
    }
}
