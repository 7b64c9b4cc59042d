package jp.btob.platform.permission;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.api.model.Permission;

/**
 * The roles every company has. What they allow is defined here rather than in the database, so a
 * permission added to the catalogue reaches them at once: the administrator holds every
 * permission, staff every one but administration, viewers only reads and their screens.
 */
public enum BuiltInRole {

    COMPANY_ADMIN("company-admin", "00000000-0000-4000-8000-00000000a001", EnumSet.allOf(Permission.class)),
    STAFF("staff", "00000000-0000-4000-8000-00000000a002", staff()),
    VIEWER("viewer", "00000000-0000-4000-8000-00000000a003", viewer());

    private final String key;

    private final UUID id;

    private final Set<Permission> permissions;

    BuiltInRole(String key, String id, Set<Permission> permissions) {
        this.key = key;
        this.id = UUID.fromString(id);
        this.permissions = Collections.unmodifiableSet(permissions);
    }

    public String key() {
        return key;
    }

    public UUID id() {
        return id;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public static Optional<BuiltInRole> ofKey(String key) {
        return Arrays.stream(values()).filter(role -> role.key.equals(key)).findFirst();
    }

    private static Set<Permission> staff() {
        EnumSet<Permission> staff = EnumSet.noneOf(Permission.class);
        for (Permission permission : Permission.values()) {
            if (!permission.getValue().startsWith("admin:") && !Permissions.isScreen(permission)
                    && permission != Permission.PARTNER_MANAGE && permission != Permission.WEBHOOK_MANAGE) {
                staff.add(permission);
            }
        }
        staff.addAll(screensExcept(Permission.SCREEN_ADMIN, Permission.SCREEN_AUDIT));
        return staff;
    }

    private static Set<Permission> viewer() {
        EnumSet<Permission> viewer = EnumSet.noneOf(Permission.class);
        for (Permission permission : Permission.values()) {
            if (permission.getValue().endsWith(":read") && !permission.getValue().startsWith("admin:")) {
                viewer.add(permission);
            }
        }
        viewer.addAll(screensExcept(Permission.SCREEN_ADMIN, Permission.SCREEN_AUDIT, Permission.SCREEN_APPROVALS));
        return viewer;
    }

    private static Set<Permission> screensExcept(Permission... hidden) {
        EnumSet<Permission> screens = EnumSet.noneOf(Permission.class);
        for (Permission permission : Permission.values()) {
            if (Permissions.isScreen(permission)) {
                screens.add(permission);
            }
        }
        screens.removeAll(Arrays.asList(hidden));
        return screens;
    }
}
