package jp.btob.platform.notify;

import java.time.Instant;
import java.util.UUID;

/** The state of one notification, as a feature shows it to its users. */
public record Delivery(UUID topicId, Channel channel, String recipient, DeliveryStatus status, int attempts,
                       String lastError, Instant deliveredAt) {
}
