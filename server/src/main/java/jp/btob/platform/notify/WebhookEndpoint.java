package jp.btob.platform.notify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A company's webhook endpoint, without its secrets.
 *
 * @param eventTypes              what it receives: event types, or {@code *} for every event
 * @param previousSecretExpiresAt until when the secret before the last rotation still signs, or null
 */
public record WebhookEndpoint(UUID id, UUID companyId, String url, String description, List<String> eventTypes,
                              Instant createdAt, Instant secretRotatedAt, Instant previousSecretExpiresAt) {

    /** Every event type, those added later included. */
    public static final String ALL = "*";

    public WebhookEndpoint {
        eventTypes = List.copyOf(eventTypes);
    }
}
