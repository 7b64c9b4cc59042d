package jp.btob.platform.admin;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.api.model.Permission;
import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.permission.Permissions;

/**
 * A user as their administrators manage them, with what decides their permissions: the roles
 * they hold (the built-in ones by key, the permissions of the custom ones) and their personal
 * grants and denials.
 */
record ManagedUserRow(UUID id, String loginId, String displayName, String email, String status,
                      boolean passwordResetRequired, Instant lastLoginAt, Instant createdAt, Instant updatedAt,
                      Set<UUID> roleIds, List<String> builtInRoles, List<String> rolePermissions,
                      List<String> grants, List<String> denials) {

    static final String ACTIVE = "ACTIVE";

    static final String DISABLED = "DISABLED";

    static final String DELETED = "DELETED";

    Set<Permission> effective() {
        return Permissions.effective(builtInRoles, rolePermissions, grants, denials);
    }

    Set<Permission> grantSet() {
        return parse(grants);
    }

    Set<Permission> denialSet() {
        return parse(denials);
    }

    /** Whether this is an active holder of the built-in company administrator role. */
    boolean activeAdministrator() {
        return ACTIVE.equals(status) && roleIds.contains(BuiltInRole.COMPANY_ADMIN.id());
    }

    private static Set<Permission> parse(List<String> names) {
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        names.forEach(name -> Permissions.parse(name).ifPresent(permissions::add));
        return permissions;
    }
}
