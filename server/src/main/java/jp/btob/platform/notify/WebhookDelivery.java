package jp.btob.platform.notify;

import java.time.Instant;
import java.util.UUID;

/** One delivery of an event to a company's webhook endpoint, as its delivery log shows it. */
public record WebhookDelivery(UUID id, UUID eventId, String eventType, DeliveryStatus status, int attempts,
                              Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt,
                              String lastError, Integer lastHttpStatus) {

    /** One attempt: when, {@code DELIVERED} or {@code FAILED}, the HTTP status if any, why it failed, how long it took. */
    public record Attempt(Instant at, String outcome, Integer httpStatus, String error, int durationMs) {
    }
}
