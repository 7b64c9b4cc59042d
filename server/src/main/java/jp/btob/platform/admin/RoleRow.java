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
 * A role as stored: a built-in one ({@code builtInKey} set, its permissions defined in code) or a
 * company's custom one. {@code holders} counts the company's users, deleted ones left out.
 */
record RoleRow(UUID id, String builtInKey, String name, String description, List<String> storedPermissions,
               Instant createdAt, Instant updatedAt, int holders) {

    boolean builtIn() {
        return builtInKey != null;
    }

    /** What the role allows; names the catalogue no longer knows are left out. */
    Set<Permission> permissions() {
        if (builtIn()) {
            return BuiltInRole.ofKey(builtInKey).map(BuiltInRole::permissions).orElse(Set.of());
        }
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        storedPermissions.forEach(name -> Permissions.parse(name).ifPresent(permissions::add));
        return permissions;
    }
}
