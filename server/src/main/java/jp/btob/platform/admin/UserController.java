package jp.btob.platform.admin;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.UsersApi;
import jp.btob.platform.api.model.ManagedUser;
import jp.btob.platform.api.model.ManagedUserCreated;
import jp.btob.platform.api.model.ManagedUserPage;
import jp.btob.platform.api.model.PasswordResetResult;
import jp.btob.platform.api.model.SessionsEnded;
import jp.btob.platform.api.model.UserCreate;
import jp.btob.platform.api.model.UserStatus;
import jp.btob.platform.api.model.UserUpdate;
import jp.btob.platform.identity.CurrentUser;
import jp.btob.platform.permission.UserRoles;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The company's users, for administrators; the gate has held every call to {@code admin:users}. */
@RestController
class UserController implements UsersApi {

    private final UserAdministration users;

    private final UserRoles roles;

    UserController(UserAdministration users, UserRoles roles) {
        this.users = users;
        this.roles = roles;
    }

    @Override
    public Mono<ResponseEntity<ManagedUserPage>> listUsers(UserStatus status, UUID roleId, String cursor, Integer limit,
                                                           ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        return CurrentUser.of(exchange)
                .flatMapMany(admin -> users.list(admin, status == null ? null : status.getValue(), roleId, after, limit))
                .collectList()
                .flatMap(rows -> roles.of(rows.stream().map(ManagedUserRow::id).toList())
                        .map(held -> rows.stream().map(row -> AdminMapper.user(row, held.get(row.id()))).toList()))
                .map(items -> Pages.of(items, limit, user -> new PageCursor(user.getCreatedAt().toInstant(), user.getId())))
                .map(page -> ResponseEntity.ok(new ManagedUserPage(page.items(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<ManagedUserCreated>> createUser(Mono<UserCreate> userCreate, ServerWebExchange exchange) {
        return Mono.zip(CurrentUser.of(exchange), userCreate)
                .flatMap(call -> users.create(call.getT1(), call.getT2()))
                .flatMap(created -> shown(created.user())
                        .map(user -> ResponseEntity.created(URI.create("/api/v1/admin/users/" + user.getId()))
                                .body(new ManagedUserCreated(user, created.temporaryPassword()))));
    }

    @Override
    public Mono<ResponseEntity<ManagedUser>> getUser(UUID userId, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(admin -> users.get(admin, userId))
                .flatMap(this::shown)
                .map(ResponseEntity::ok);
    }

    @Override
    public Mono<ResponseEntity<ManagedUser>> updateUser(UUID userId, Mono<UserUpdate> userUpdate,
                                                        ServerWebExchange exchange) {
        return Mono.zip(CurrentUser.of(exchange), userUpdate)
                .flatMap(call -> users.update(call.getT1(), userId, call.getT2()))
                .flatMap(this::shown)
                .map(ResponseEntity::ok);
    }

    @Override
    public Mono<ResponseEntity<ManagedUser>> disableUser(UUID userId, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(admin -> users.disable(admin, userId))
                .flatMap(this::shown)
                .map(ResponseEntity::ok);
    }

    @Override
    public Mono<ResponseEntity<ManagedUser>> enableUser(UUID userId, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(admin -> users.enable(admin, userId))
                .flatMap(this::shown)
                .map(ResponseEntity::ok);
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteUser(UUID userId, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(admin -> users.delete(admin, userId))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @Override
    public Mono<ResponseEntity<PasswordResetResult>> resetUserPassword(UUID userId, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(admin -> users.resetPassword(admin, userId))
                .map(reset -> ResponseEntity.ok(new PasswordResetResult(reset.temporaryPassword(),
                        Math.toIntExact(reset.sessionsEnded()))));
    }

    @Override
    public Mono<ResponseEntity<SessionsEnded>> endUserSessions(UUID userId, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(admin -> users.endSessions(admin, userId))
                .map(ended -> ResponseEntity.ok(new SessionsEnded(Math.toIntExact(ended))));
    }

    private Mono<ManagedUser> shown(ManagedUserRow row) {
        return roles.of(row.id()).map(held -> AdminMapper.user(row, held == null ? List.of() : held));
    }
}
