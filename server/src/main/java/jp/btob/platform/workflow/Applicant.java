package jp.btob.platform.workflow;

import java.util.UUID;

import jp.btob.platform.api.model.Permission;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.permission.Caller;

/**
 * The applicant of an approved request, as the caller of what its approval does: the order is
 * placed by them, on their company's behalf. Their permission was checked when they filed it;
 * the approval grants nothing beyond the act it approved.
 */
record Applicant(UUID userId, UUID companyId) implements Caller {

    @Override
    public boolean holds(Permission permission) {
        return false;
    }

    @Override
    public Actor actor() {
        return Actor.user(userId);
    }
}
