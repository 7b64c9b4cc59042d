package jp.btob.platform.alert;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;

/** A company's alert rule as stored; {@code outcome} null counts both outcomes. */
record AlertRule(UUID id, UUID companyId, String name, String action, AuditOutcome outcome, int threshold,
                 int windowSeconds, boolean enabled, Instant createdAt, Instant updatedAt) {
}
