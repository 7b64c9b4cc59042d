package jp.btob.platform.audit;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;

/** Which events of the trail to list; a null field does not filter. {@code to} is exclusive. */
record AuditFilter(Instant from, Instant to, UUID actorId, String action, AuditOutcome outcome) {
}
