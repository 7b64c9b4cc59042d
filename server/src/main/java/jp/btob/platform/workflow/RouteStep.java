package jp.btob.platform.workflow;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.api.model.StepMode;

/** One step of a route: its approvers, users and roles, and how many of them must approve. */
record RouteStep(StepMode mode, List<UUID> userIds, List<UUID> roleIds) {

    RouteStep {
        userIds = List.copyOf(userIds);
        roleIds = List.copyOf(roleIds);
    }

    /** Whether the user, holding these of the step's roles, is an approver of the step. */
    boolean names(UUID userId, Collection<UUID> heldRoles) {
        return userIds.contains(userId) || !heldRoles.isEmpty();
    }

    /**
     * Whether these approvals complete the step: {@code any}, one of them; {@code all}, every
     * user named, and for every role one user who held it when approving.
     */
    boolean completedBy(List<Decision> approvals) {
        if (mode == StepMode.ANY) {
            return !approvals.isEmpty();
        }
        Set<UUID> users = new HashSet<>();
        Set<UUID> roles = new HashSet<>();
        approvals.forEach(approval -> {
            users.add(approval.approver());
            roles.addAll(approval.roles());
        });
        return users.containsAll(userIds) && roles.containsAll(roleIds);
    }
}
