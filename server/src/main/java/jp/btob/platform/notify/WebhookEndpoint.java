package jp.btob.platform.notify;

import java.time.Instant;
import java.util.UUID;

/** A company's webhook endpoint, without its secret. */
public record WebhookEndpoint(UUID id, UUID companyId, String url, String description, Instant createdAt,
                              Instant secretRotatedAt) {
}
