package jp.btob.platform.permission;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.Permission;

/** The permission catalogue of {@code common.yaml}, and how a user's effective permissions are made. */
public final class Permissions {

    private static final String SCREEN_PREFIX = "screen:";

    private static final Comparator<Permission> BY_NAME = Comparator.comparing(Permission::getValue);

    /** Read on every session lookup, for each permission a user's roles and grants name. */
    private static final Map<String, Permission> BY_VALUE = Arrays.stream(Permission.values())
            .collect(Collectors.toUnmodifiableMap(Permission::getValue, Function.identity()));

    private Permissions() {
    }

    /**
     * What a user may do: every permission of their built-in roles and custom roles, plus what is
     * granted to them personally, minus what is denied to them personally, whatever a role says.
     * Names the catalogue no longer knows are ignored.
     */
    public static Set<Permission> effective(Collection<String> builtInKeys, Collection<String> rolePermissions,
                                            Collection<String> grants, Collection<String> denials) {
        EnumSet<Permission> effective = EnumSet.noneOf(Permission.class);
        builtInKeys.forEach(key -> BuiltInRole.ofKey(key).ifPresent(role -> effective.addAll(role.permissions())));
        rolePermissions.forEach(name -> parse(name).ifPresent(effective::add));
        grants.forEach(name -> parse(name).ifPresent(effective::add));
        denials.forEach(name -> parse(name).ifPresent(effective::remove));
        return effective;
    }

    /**
     * The columns a query selects, for the user whose ID the SQL expression {@code userId} (a
     * column, never a value) names, from which {@link #effective(Readable)} makes the user's
     * effective permissions.
     */
    public static String effectiveColumns(String userId) {
        return """
                ARRAY(SELECT r.builtin_key FROM user_role ur JOIN company_role r ON r.id = ur.role_id
                      WHERE ur.user_id = %1$s AND r.builtin_key IS NOT NULL) AS builtin_roles,
                ARRAY(SELECT p FROM user_role ur JOIN company_role r ON r.id = ur.role_id, unnest(r.permissions) p
                      WHERE ur.user_id = %1$s) AS role_permissions,
                ARRAY(SELECT permission FROM user_permission WHERE user_id = %1$s AND effect = 'GRANT') AS grants,
                ARRAY(SELECT permission FROM user_permission WHERE user_id = %1$s AND effect = 'DENY') AS denials
                """.formatted(userId).strip();
    }

    /** The effective permissions of a row that selected {@link #effectiveColumns}. */
    public static Set<Permission> effective(Readable row) {
        return effective(strings(row, "builtin_roles"), strings(row, "role_permissions"), strings(row, "grants"),
                strings(row, "denials"));
    }

    private static List<String> strings(Readable row, String column) {
        String[] values = row.get(column, String[].class);
        return values == null ? List.of() : Arrays.asList(values);
    }

    /** The permission of this name, if the catalogue has it. */
    public static Optional<Permission> parse(String name) {
        return Optional.ofNullable(BY_VALUE.get(name));
    }

    /** Whether the permission only tells a front end to show a screen. */
    public static boolean isScreen(Permission permission) {
        return permission.getValue().startsWith(SCREEN_PREFIX);
    }

    /** The function permissions among these, sorted by name. */
    public static List<Permission> functions(Set<Permission> permissions) {
        return permissions.stream().filter(permission -> !isScreen(permission)).sorted(BY_NAME).toList();
    }

    /** The screen permissions among these, sorted by name. */
    public static List<Permission> screens(Set<Permission> permissions) {
        return permissions.stream().filter(Permissions::isScreen).sorted(BY_NAME).toList();
    }
}
