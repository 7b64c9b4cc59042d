package jp.btob.platform.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.api.model.UserCreate;
import jp.btob.platform.api.model.UserUpdate;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.CurrentUser;
import jp.btob.platform.identity.PasswordHasher;
import jp.btob.platform.identity.UserSessions;
import jp.btob.platform.identity.UserSessions.Why;
import jp.btob.platform.notify.Notifications;
import jp.btob.platform.notify.Topic;
import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.permission.Permissions;
import jp.btob.platform.settings.SecuritySettingsService;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.ConflictException;
import jp.btob.platform.system.problem.InvalidTransitionException;
import jp.btob.platform.system.problem.LastAdministratorException;
import jp.btob.platform.system.problem.NotFoundException;
import jp.btob.platform.system.problem.UnprocessableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static jp.btob.platform.admin.ManagedUserRow.ACTIVE;
import static jp.btob.platform.admin.ManagedUserRow.DELETED;
import static jp.btob.platform.admin.ManagedUserRow.DISABLED;

/**
 * Administrators manage their company's users (SEC-RBAC). Each change runs in one transaction
 * that first locks the company's row, checks the rules (no escalation, an active administrator
 * kept), makes the change, ends sessions where it must, records its audit events and queues its
 * e-mail: all of it commits, or none.
 */
@Service
class UserAdministration {

    private static final String USER = "user";

    private final ManagedUserRepository users;

    private final RoleRepository roles;

    private final CompanyLock lock;

    private final TemporaryPasswords passwords;

    private final PasswordHasher hasher;

    private final SecuritySettingsService settings;

    private final UserSessions sessions;

    private final Notifications notifications;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    UserAdministration(ManagedUserRepository users, RoleRepository roles, CompanyLock lock, TemporaryPasswords passwords,
                       PasswordHasher hasher, SecuritySettingsService settings, UserSessions sessions,
                       Notifications notifications, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.users = users;
        this.roles = roles;
        this.lock = lock;
        this.passwords = passwords;
        this.hasher = hasher;
        this.settings = settings;
        this.sessions = sessions;
        this.notifications = notifications;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Flux<ManagedUserRow> list(CurrentUser admin, String status, UUID roleId, PageCursor after, int limit) {
        return users.list(admin.companyId(), status, roleId, after, limit);
    }

    Mono<ManagedUserRow> get(CurrentUser admin, UUID userId) {
        return existing(admin, userId);
    }

    /** Adds a user with a temporary password, answered once; the first login must change it. */
    Mono<Created> create(CurrentUser admin, UserCreate request) {
        String loginId = request.getLoginId();
        String displayName = Names.required(request.getDisplayName(), "displayName");
        String email = request.getEmail().strip();
        Assignment wanted = Assignment.of(request.getRoleIds(), request.getGrants(), request.getDenials());
        UUID companyId = admin.companyId();
        return settings.forCompany(companyId)
                .flatMap(company -> passwords.next(company.password(), loginId))
                .flatMap(password -> hasher.hash(password).flatMap(hash -> lock.lock(companyId)
                        .then(resolve(companyId, wanted.roleIds()))
                        .flatMap(assigned -> {
                            Set<Permission> given = EnumSet.copyOf(wanted.grants());
                            assigned.forEach(role -> given.addAll(role.permissions()));
                            Escalation.check(admin, given, "give this user these permissions");
                            return users.insert(companyId, loginId, displayName, email, hash, Times.now(clock))
                                    .switchIfEmpty(Mono.error(() -> new ConflictException("The login ID '" + loginId
                                            + "' is taken; login IDs are unique on the platform, whatever their case.")))
                                    .flatMap(id -> users.replaceRoles(id, wanted.roleIds())
                                            .then(users.replacePermissions(id, wanted.grants(), wanted.denials()))
                                            .then(audit.record(new AuditEntry(companyId, admin.actor(),
                                                    AuditAction.USER_CREATE, USER, id, AuditOutcome.SUCCESS, Map.of(
                                                    "loginId", loginId, "roles", names(assigned),
                                                    "grants", RoleService.names(wanted.grants()),
                                                    "denials", RoleService.names(wanted.denials())))))
                                            .then(recordGrant(admin, id, assigned, wanted.grants()))
                                            .then(notifications.email(new Topic("user-account", id), email,
                                                    "Your BtoB Platform account", createdMail(displayName)))
                                            .then(users.find(companyId, id)));
                        })
                        .as(tx::transactional)
                        .map(user -> new Created(user, password))));
    }

    /** Replaces the user's name, e-mail, roles, grants and denials. */
    Mono<ManagedUserRow> update(CurrentUser admin, UUID userId, UserUpdate request) {
        String displayName = Names.required(request.getDisplayName(), "displayName");
        String email = request.getEmail().strip();
        Assignment wanted = Assignment.of(request.getRoleIds(), request.getGrants(), request.getDenials());
        UUID companyId = admin.companyId();
        return lock.lock(companyId)
                .then(existing(admin, userId))
                .flatMap(before -> notDeleted(before, "changed")
                        .then(resolve(companyId, wanted.roleIds()))
                        .flatMap(assigned -> {
                            List<RoleRow> added = assigned.stream().filter(role -> !before.roleIds().contains(role.id()))
                                    .toList();
                            Set<Permission> newGrants = EnumSet.copyOf(wanted.grants());
                            newGrants.removeAll(before.grantSet());
                            Set<Permission> given = EnumSet.copyOf(newGrants);
                            added.forEach(role -> given.addAll(role.permissions()));
                            given.addAll(gain(before, assigned, wanted));
                            Escalation.check(admin, given, "give this user these permissions");
                            Mono<Void> adminKept = wanted.roleIds().contains(BuiltInRole.COMPANY_ADMIN.id())
                                    ? Mono.empty()
                                    : keepAdministrator(admin, before, "take the company administrator role from");
                            return adminKept
                                    .then(users.updateProfile(userId, displayName, email, Times.now(clock)))
                                    .then(users.replaceRoles(userId, wanted.roleIds()))
                                    .then(users.replacePermissions(userId, wanted.grants(), wanted.denials()))
                                    .then(audit.record(new AuditEntry(companyId, admin.actor(), AuditAction.USER_UPDATE,
                                            USER, userId, AuditOutcome.SUCCESS,
                                            changes(before, displayName, email, wanted))))
                                    .then(recordGrant(admin, userId, added, newGrants));
                        }))
                .then(users.find(companyId, userId))
                .as(tx::transactional);
    }

    /**
     * Ends the user's sessions and refuses their logins until they are enabled. Not for a user who
     * holds more than the administrator, who could otherwise shut out those above them.
     */
    Mono<ManagedUserRow> disable(CurrentUser admin, UUID userId) {
        return lock.lock(admin.companyId())
                .then(existing(admin, userId))
                .flatMap(user -> switch (user.status()) {
                    case ACTIVE -> Mono.fromRunnable(() -> Escalation.check(admin, user.effective(),
                                    "disable a user who holds permissions you do not"))
                            .then(keepAdministrator(admin, user, "disable"))
                            .then(users.setStatus(userId, DISABLED, Times.now(clock)))
                            .then(sessions.endAll(userId, Why.USER_DISABLED))
                            .flatMap(ended -> audit.record(new AuditEntry(admin.companyId(), admin.actor(),
                                    AuditAction.USER_DISABLE, USER, userId, AuditOutcome.SUCCESS,
                                    Map.of("sessionsEnded", ended))));
                    case DISABLED -> Mono.<Void>empty();
                    default -> Mono.<Void>error(deletedCannotBe("disabled"));
                })
                .then(users.find(admin.companyId(), userId))
                .as(tx::transactional);
    }

    Mono<ManagedUserRow> enable(CurrentUser admin, UUID userId) {
        return lock.lock(admin.companyId())
                .then(existing(admin, userId))
                .flatMap(user -> switch (user.status()) {
                    case DISABLED -> users.setStatus(userId, ACTIVE, Times.now(clock))
                            .then(audit.record(AuditEntry.success(admin.companyId(), admin.actor(),
                                    AuditAction.USER_ENABLE, USER, userId)));
                    case ACTIVE -> Mono.<Void>empty();
                    default -> Mono.<Void>error(deletedCannotBe("enabled again"));
                })
                .then(users.find(admin.companyId(), userId))
                .as(tx::transactional);
    }

    /** Deletes the user for good, keeping their record and audit trail; not one who holds more than the administrator. */
    Mono<Void> delete(CurrentUser admin, UUID userId) {
        return lock.lock(admin.companyId())
                .then(existing(admin, userId))
                .flatMap(user -> notDeleted(user, "deleted again")
                        .then(Mono.fromRunnable(() -> Escalation.check(admin, user.effective(),
                                "delete a user who holds permissions you do not")))
                        .then(keepAdministrator(admin, user, "delete"))
                        .then(users.setStatus(userId, DELETED, Times.now(clock)))
                        .then(sessions.endAll(userId, Why.USER_DELETED))
                        .flatMap(ended -> audit.record(new AuditEntry(admin.companyId(), admin.actor(),
                                AuditAction.USER_DELETE, USER, userId, AuditOutcome.SUCCESS,
                                Map.of("loginId", user.loginId(), "sessionsEnded", ended)))))
                .as(tx::transactional);
    }

    /**
     * Gives the user a new temporary password and ends their sessions. Not for a user who holds
     * more than the administrator: with the password, the administrator could act as them.
     */
    Mono<Reset> resetPassword(CurrentUser admin, UUID userId) {
        UUID companyId = admin.companyId();
        return lock.lock(companyId)
                .then(existing(admin, userId))
                .flatMap(user -> {
                    if (!ACTIVE.equals(user.status())) {
                        return Mono.error(new InvalidTransitionException("Only an active user's password can be reset; "
                                + "this user is " + user.status().toLowerCase() + "."));
                    }
                    Escalation.check(admin, user.effective(), "reset the password of a user who holds permissions you do not");
                    return settings.forCompany(companyId)
                            .flatMap(company -> passwords.next(company.password(), user.loginId()))
                            .flatMap(password -> hasher.hash(password)
                                    .flatMap(hash -> users.setTemporaryPassword(userId, hash, Times.now(clock)))
                                    .then(sessions.endAll(userId, Why.PASSWORD_RESET))
                                    .flatMap(ended -> audit.record(new AuditEntry(companyId, admin.actor(),
                                                    AuditAction.USER_PASSWORD_RESET, USER, userId, AuditOutcome.SUCCESS,
                                                    Map.of("sessionsEnded", ended)))
                                            .then(notifications.email(new Topic("user-password-reset", userId),
                                                    user.email(), "Your BtoB Platform password was reset",
                                                    resetMail(user.displayName())))
                                            .thenReturn(new Reset(password, ended))));
                })
                .as(tx::transactional);
    }

    /** Ends every session of the user; they may log in again. */
    Mono<Long> endSessions(CurrentUser admin, UUID userId) {
        return existing(admin, userId)
                .flatMap(user -> sessions.endAll(userId, Why.ENDED_BY_ADMIN))
                .flatMap(ended -> audit.record(new AuditEntry(admin.companyId(), admin.actor(),
                                AuditAction.USER_SESSIONS_END, USER, userId, AuditOutcome.SUCCESS,
                                Map.of("sessionsEnded", ended)))
                        .thenReturn(ended))
                .as(tx::transactional);
    }

    /** A user of the administrator's company; another company's answers as one that does not exist. */
    private Mono<ManagedUserRow> existing(CurrentUser admin, UUID userId) {
        return users.find(admin.companyId(), userId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("There is no such user.")));
    }

    /** The roles asked for, each a built-in role or one of the company's; 422 naming those that are not. */
    private Mono<List<RoleRow>> resolve(UUID companyId, Set<UUID> roleIds) {
        return roles.findAll(companyId, roleIds).collectList().flatMap(found -> {
            Set<UUID> known = new HashSet<>();
            found.forEach(role -> known.add(role.id()));
            List<FieldError> errors = new ArrayList<>();
            roleIds.stream().filter(id -> !known.contains(id)).map(UUID::toString).sorted()
                    .forEach(id -> errors.add(new FieldError("roleIds", FieldError.CodeEnum.INVALID,
                            "there is no role " + id)));
            return errors.isEmpty() ? Mono.just(found) : Mono.error(new UnprocessableException(
                    errors.size() == 1 ? "1 role does not exist." : errors.size() + " roles do not exist.", errors));
        });
    }

    /** 409 {@code last-administrator} when the user is the company's only active administrator. */
    private Mono<Void> keepAdministrator(CurrentUser admin, ManagedUserRow user, String what) {
        if (!user.activeAdministrator()) {
            return Mono.empty();
        }
        return users.otherActiveAdministrators(admin.companyId(), user.id())
                .flatMap(others -> others > 0 ? Mono.<Void>empty() : Mono.error(new LastAdministratorException(
                        "You cannot " + what + " the company's last active administrator; "
                                + "give another active user the company administrator role first.")));
    }

    private static Mono<Void> notDeleted(ManagedUserRow user, String what) {
        return DELETED.equals(user.status()) ? Mono.error(deletedCannotBe(what)) : Mono.empty();
    }

    private static InvalidTransitionException deletedCannotBe(String what) {
        return new InvalidTransitionException("The user is deleted and cannot be " + what + ".");
    }

    /** What the user's effective permissions gain by the change, denials lifted included. */
    private static Set<Permission> gain(ManagedUserRow before, List<RoleRow> assigned, Assignment wanted) {
        List<String> builtIn = new ArrayList<>();
        List<String> rolePermissions = new ArrayList<>();
        for (RoleRow role : assigned) {
            if (role.builtIn()) {
                builtIn.add(role.builtInKey());
            }
            else {
                rolePermissions.addAll(role.storedPermissions());
            }
        }
        Set<Permission> after = Permissions.effective(builtIn, rolePermissions, RoleService.names(wanted.grants()),
                RoleService.names(wanted.denials()));
        after.removeAll(before.effective());
        return after;
    }

    /** One {@code role.grant} event for the roles and grants the user gains, which the operators' alert watches. */
    private Mono<Void> recordGrant(CurrentUser admin, UUID userId, List<RoleRow> rolesGained, Set<Permission> grantsGained) {
        if (rolesGained.isEmpty() && grantsGained.isEmpty()) {
            return Mono.empty();
        }
        return audit.record(new AuditEntry(admin.companyId(), admin.actor(), AuditAction.ROLE_GRANT, USER, userId,
                AuditOutcome.SUCCESS, Map.of("roles", names(rolesGained), "grants", RoleService.names(grantsGained))));
    }

    private static Map<String, Object> changes(ManagedUserRow before, String displayName, String email, Assignment wanted) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("displayNameChanged", !before.displayName().equals(displayName));
        changes.put("emailChanged", !before.email().equals(email));
        changes.put("rolesAdded", difference(wanted.roleIds(), before.roleIds()));
        changes.put("rolesRemoved", difference(before.roleIds(), wanted.roleIds()));
        changes.put("grantsAdded", RoleService.names(without(wanted.grants(), before.grantSet())));
        changes.put("grantsRemoved", RoleService.names(without(before.grantSet(), wanted.grants())));
        changes.put("denialsAdded", RoleService.names(without(wanted.denials(), before.denialSet())));
        changes.put("denialsRemoved", RoleService.names(without(before.denialSet(), wanted.denials())));
        return changes;
    }

    private static List<String> difference(Set<UUID> of, Set<UUID> minus) {
        return of.stream().filter(id -> !minus.contains(id)).map(UUID::toString).sorted().toList();
    }

    private static Set<Permission> without(Set<Permission> of, Set<Permission> minus) {
        Set<Permission> left = EnumSet.noneOf(Permission.class);
        left.addAll(of);
        left.removeAll(minus);
        return left;
    }

    private static List<String> names(List<RoleRow> roles) {
        return roles.stream().map(role -> role.builtIn() ? role.builtInKey() : role.name()).sorted().toList();
    }

    /** Never the login ID or the password: those the administrator hands over another way. */
    private static String createdMail(String displayName) {
        return """
                %s さん

                An administrator of your company has created a BtoB Platform account for you.
                They will give you your login ID and a temporary password themselves; this e-mail
                contains neither. At your first sign-in you will choose a password of your own.

                If you did not expect this, tell your company's administrator.
                """.formatted(displayName);
    }

    private static String resetMail(String displayName) {
        return """
                %s さん

                An administrator of your company has reset your BtoB Platform password, and every
                session you had open has been ended. They will give you a temporary password
                themselves; this e-mail does not contain it. At your next sign-in you will choose
                a new password of your own.

                If you did not ask for this, tell your company's administrator at once.
                """.formatted(displayName);
    }

    /** A new user with their temporary password, shown once. */
    record Created(ManagedUserRow user, String temporaryPassword) {
    }

    record Reset(String temporaryPassword, long sessionsEnded) {
    }
}
