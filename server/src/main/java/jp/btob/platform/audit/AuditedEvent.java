package jp.btob.platform.audit;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.AuditActorType;
import jp.btob.platform.api.model.AuditOutcome;

/**
 * An event just appended, as listeners see it. {@code companyId} is null for the platform's
 * chain; {@code chain} is the company's ID or the platform chain's all-zero UUID.
 */
public record AuditedEvent(UUID companyId, UUID chain, Instant occurredAt, AuditActorType actorType, String action,
                           AuditOutcome outcome) {

    /** The chain of the events that belong to no company. */
    public static final UUID PLATFORM_CHAIN = AuditRepository.PLATFORM_CHAIN;
}
