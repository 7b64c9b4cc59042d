package jp.btob.platform.workflow;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.DelegationStatus;

/**
 * A user's approvals delegated to another user of the company for {@code [from, until)};
 * {@code revokedAt} null unless its delegator ended it early.
 */
record DelegationRow(UUID id, UUID companyId, UUID delegatorId, UUID delegateId, Instant from, Instant until,
                     String note, Instant createdAt, Instant revokedAt) {

    /** Where the delegation stands at {@code now}. */
    DelegationStatus status(Instant now) {
        if (revokedAt != null) {
            return DelegationStatus.REVOKED;
        }
        if (!now.isBefore(until)) {
            return DelegationStatus.ENDED;
        }
        return now.isBefore(from) ? DelegationStatus.SCHEDULED : DelegationStatus.IN_FORCE;
    }
}
