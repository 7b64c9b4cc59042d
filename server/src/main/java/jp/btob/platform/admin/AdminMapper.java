package jp.btob.platform.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jp.btob.platform.api.model.ManagedUser;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.api.model.PermissionCatalogue;
import jp.btob.platform.api.model.PermissionInfo;
import jp.btob.platform.api.model.PermissionKind;
import jp.btob.platform.api.model.Role;
import jp.btob.platform.api.model.RoleSummary;
import jp.btob.platform.api.model.UserStatus;
import jp.btob.platform.permission.Permissions;
import jp.btob.platform.system.Times;

/** Users, roles and the catalogue as the administration API shows them. */
final class AdminMapper {

    private static final Comparator<Permission> BY_NAME = Comparator.comparing(Permission::getValue);

    private AdminMapper() {
    }

    static Role role(RoleRow row) {
        Role role = new Role(row.id(), row.name(), row.builtIn(), sorted(row.permissions()), row.holders())
                .description(row.description())
                .createdAt(Times.utc(row.createdAt()))
                .updatedAt(Times.utc(row.updatedAt()));
        if (row.builtIn()) {
            role.key(Role.KeyEnum.fromValue(row.builtInKey()));
        }
        return role;
    }

    static PermissionCatalogue catalogue(List<RoleRow> builtInRoles) {
        List<PermissionInfo> permissions = sorted(Set.of(Permission.values())).stream()
                .map(permission -> new PermissionInfo(permission,
                        Permissions.isScreen(permission) ? PermissionKind.SCREEN : PermissionKind.FUNCTION,
                        PermissionDescriptions.of(permission)))
                .toList();
        return new PermissionCatalogue(permissions, builtInRoles.stream().map(AdminMapper::role).toList());
    }

    static ManagedUser user(ManagedUserRow row, List<RoleSummary> roles) {
        Set<Permission> effective = row.effective();
        return new ManagedUser(row.id(), row.loginId(), row.displayName(), row.email(), UserStatus.fromValue(row.status()),
                roles, sorted(row.grantSet()), sorted(row.denialSet()), Permissions.functions(effective),
                Permissions.screens(effective), row.passwordResetRequired(), Times.utc(row.createdAt()),
                Times.utc(row.updatedAt()))
                .lastLoginAt(Times.utc(row.lastLoginAt()));
    }

    private static List<Permission> sorted(Set<Permission> permissions) {
        return permissions.stream().sorted(BY_NAME).toList();
    }
}
