package jp.btob.platform.admin;

import java.util.Collection;
import java.util.List;

import jp.btob.platform.api.model.Permission;
import jp.btob.platform.identity.CurrentUser;
import jp.btob.platform.system.problem.PermissionEscalationException;

/**
 * No one gives what they do not hold (SEC-RBAC): a permission put in a role, carried by a role
 * assigned, granted, or freed from a denial must be one the acting administrator holds now.
 * Their permissions are those of the request's session, so changing their own roles or grants
 * cannot get them round it. Taking permissions away is always allowed.
 */
final class Escalation {

    private Escalation() {
    }

    /** Refuses with 403 {@code permission-escalation} naming what {@code actor} does not hold of {@code given}. */
    static void check(CurrentUser actor, Collection<Permission> given, String what) {
        List<String> missing = given.stream()
                .filter(permission -> !actor.holds(permission))
                .map(Permission::getValue)
                .distinct()
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw new PermissionEscalationException("You cannot " + what + ": it would give " + String.join(", ", missing)
                    + ", which you do not hold yourself.");
        }
    }
}
