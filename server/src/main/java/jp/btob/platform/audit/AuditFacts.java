package jp.btob.platform.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditActorType;
import jp.btob.platform.api.model.AuditOutcome;

/** What an audit event says: exactly what its canonical content, and so its hash, covers. */
record AuditFacts(UUID companyId, Instant occurredAt, AuditActorType actorType, UUID actorId, String action,
                  String targetType, UUID targetId, AuditOutcome outcome, String sourceAddress, String traceId,
                  Map<String, Object> details) {
}
