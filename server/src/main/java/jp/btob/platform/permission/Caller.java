package jp.btob.platform.permission;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.btob.platform.api.model.Permission;
import jp.btob.platform.audit.Actor;

/** A company-realm caller whose permissions the gate checks: a signed-in user, or an API client. */
public interface Caller {

    UUID companyId();

    boolean holds(Permission permission);

    /** Who the audit trail names for what the caller does. */
    Actor actor();

    /**
     * The company's IP allow-list (its CIDR ranges; none for no list) as read with the caller's
     * credentials on this request, in the same statement; empty when it was not read with them.
     */
    default Optional<List<String>> companyAllowlist() {
        return Optional.empty();
    }
}
