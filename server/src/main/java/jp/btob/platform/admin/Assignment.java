package jp.btob.platform.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.system.problem.UnprocessableException;

/** What an administrator sets of a user's permissions: roles, personal grants and personal denials. */
record Assignment(Set<UUID> roleIds, Set<Permission> grants, Set<Permission> denials) {

    /** The assignment asked for; 422 when a permission is both granted and denied. */
    static Assignment of(Collection<UUID> roleIds, Collection<Permission> grants, Collection<Permission> denials) {
        Assignment assignment = new Assignment(roleIds == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(roleIds)),
                copy(grants), copy(denials));
        List<FieldError> errors = new ArrayList<>();
        assignment.denials.stream().filter(assignment.grants::contains).map(Permission::getValue).sorted()
                .forEach(both -> errors.add(new FieldError("denials", FieldError.CodeEnum.INCONSISTENT,
                        both + " is also granted; a permission is either granted or denied")));
        if (!errors.isEmpty()) {
            throw new UnprocessableException(errors.size() == 1 ? "1 permission is both granted and denied."
                    : errors.size() + " permissions are both granted and denied.", errors);
        }
        return assignment;
    }

    private static Set<Permission> copy(Collection<Permission> permissions) {
        return permissions == null || permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
    }
}
