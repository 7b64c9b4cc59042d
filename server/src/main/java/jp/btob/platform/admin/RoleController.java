package jp.btob.platform.admin;

import java.net.URI;
import java.util.UUID;

import jp.btob.platform.api.RolesApi;
import jp.btob.platform.api.model.PermissionCatalogue;
import jp.btob.platform.api.model.Role;
import jp.btob.platform.api.model.RoleDefinition;
import jp.btob.platform.api.model.RoleList;
import jp.btob.platform.identity.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The company's roles and the permission catalogue; the gate has held every call to {@code admin:roles}. */
@RestController
class RoleController implements RolesApi {

    private final RoleService roles;

    RoleController(RoleService roles) {
        this.roles = roles;
    }

    @Override
    public Mono<ResponseEntity<PermissionCatalogue>> getPermissionCatalogue(ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMapMany(roles::list)
                .filter(RoleRow::builtIn)
                .collectList()
                .map(builtIn -> ResponseEntity.ok(AdminMapper.catalogue(builtIn)));
    }

    @Override
    public Mono<ResponseEntity<RoleList>> listRoles(ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMapMany(roles::list)
                .map(AdminMapper::role)
                .collectList()
                .map(items -> ResponseEntity.ok(new RoleList(items)));
    }

    @Override
    public Mono<ResponseEntity<Role>> createRole(Mono<RoleDefinition> roleDefinition, String idempotencyKey,
                                                 ServerWebExchange exchange) {
        return Mono.zip(CurrentUser.of(exchange), roleDefinition)
                .flatMap(call -> roles.create(call.getT1(), call.getT2()))
                .map(row -> ResponseEntity.created(URI.create("/api/v1/admin/roles/" + row.id())).body(AdminMapper.role(row)));
    }

    @Override
    public Mono<ResponseEntity<Role>> getRole(UUID roleId, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(admin -> roles.get(admin, roleId))
                .map(row -> ResponseEntity.ok(AdminMapper.role(row)));
    }

    @Override
    public Mono<ResponseEntity<Role>> updateRole(UUID roleId, Mono<RoleDefinition> roleDefinition,
                                                 ServerWebExchange exchange) {
        return Mono.zip(CurrentUser.of(exchange), roleDefinition)
                .flatMap(call -> roles.update(call.getT1(), roleId, call.getT2()))
                .map(row -> ResponseEntity.ok(AdminMapper.role(row)));
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteRole(UUID roleId, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(admin -> roles.delete(admin, roleId))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }
}
