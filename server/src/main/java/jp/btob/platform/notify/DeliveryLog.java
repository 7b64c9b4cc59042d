package jp.btob.platform.notify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The delivery log of a company's webhook endpoint: its deliveries and their attempts. The
 * caller has checked that the endpoint is the company's; every read names the endpoint.
 */
public class DeliveryLog {

    private final NotificationRepository outbox;

    DeliveryLog(NotificationRepository outbox) {
        this.outbox = outbox;
    }

    /** Up to {@code limit} deliveries created before the cursor ({@code afterAt}, {@code afterId}), newest first. */
    public Flux<WebhookDelivery> page(UUID endpointId, DeliveryStatus status, String eventType, Instant afterAt,
                                      UUID afterId, int limit) {
        return outbox.log(endpointId, status, eventType, afterAt, afterId, limit);
    }

    public Mono<WebhookDelivery> find(UUID endpointId, UUID deliveryId) {
        return outbox.logEntry(endpointId, deliveryId);
    }

    /** The attempts of a delivery, oldest first. */
    public Mono<List<WebhookDelivery.Attempt>> attempts(UUID deliveryId) {
        return outbox.attempts(deliveryId).collectList();
    }
}
