package jp.btob.platform.audit;

import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;

/**
 * An event to record. {@code companyId} names the company whose chain it goes to, or null for
 * the platform's chain; {@code actor} null means the platform itself ({@code SYSTEM}).
 * {@code details} must never hold a secret: it is shown to the company's administrators.
 */
public record AuditEntry(UUID companyId, Actor actor, AuditAction action, String targetType, UUID targetId,
                         AuditOutcome outcome, Map<String, Object> details) {

    public static AuditEntry success(UUID companyId, Actor actor, AuditAction action, String targetType, UUID targetId) {
        return new AuditEntry(companyId, actor, action, targetType, targetId, AuditOutcome.SUCCESS, null);
    }
}
