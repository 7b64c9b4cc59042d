package jp.btob.platform.notify;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The outbox. Every change of a row is one conditional statement on a row still PENDING. */
@Repository
class NotificationRepository {

    private final DatabaseClient db;

    NotificationRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(Channel channel, Topic topic, UUID eventId, String recipient, String endpointKey,
                      UUID webhookEndpointId, String subject, String body, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO notification (channel, topic_type, topic_id, event_id, recipient, endpoint_key,
                                                  webhook_endpoint_id, subject, body, status, next_attempt_at, created_at)
                        VALUES (:channel, :topicType, :topicId, :eventId, :recipient, :endpointKey,
                                :endpoint, :subject, :body, 'PENDING', :now, :now)
                        """)
                .bind("channel", channel.name())
                .bind("topicType", topic.type())
                .bind("topicId", topic.id())
                .bind("eventId", eventId)
                .bind("recipient", recipient)
                .bind("endpointKey", endpointKey)
                .bind("body", body)
                .bind("now", now);
        spec = webhookEndpointId == null ? spec.bindNull("endpoint", UUID.class) : spec.bind("endpoint", webhookEndpointId);
        spec = subject == null ? spec.bindNull("subject", String.class) : spec.bind("subject", subject);
        return spec.fetch().rowsUpdated().then();
    }

    /**
     * Claims up to {@code limit} due rows of these channels for this worker until {@code leaseEnd}.
     * SKIP LOCKED lets concurrent claims pass each other's rows, and the lease keeps a claimed row
     * from every other claim until it runs out, which is how a dead worker's rows come back.
     */
    Flux<NotificationRow> claim(List<Channel> channels, Instant now, Instant leaseEnd, int limit) {
        return db.sql("""
                        UPDATE notification SET claimed_until = :leaseEnd
                        WHERE id IN (
                            SELECT id FROM notification
                            WHERE status = 'PENDING' AND next_attempt_at <= :now
                              AND (claimed_until IS NULL OR claimed_until < :now)
                              AND channel = ANY(:channels)
                            ORDER BY next_attempt_at
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED)
                        RETURNING id, channel, event_id, recipient, endpoint_key, webhook_endpoint_id, subject, body, attempts
                        """)
                .bind("leaseEnd", leaseEnd)
                .bind("now", now)
                .bind("channels", channels.stream().map(Channel::name).toArray(String[]::new))
                .bind("limit", limit)
                .map((row, meta) -> map(row))
                .all();
    }

    Mono<Boolean> delivered(UUID id, Instant now) {
        return db.sql("""
                        UPDATE notification SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = :now,
                                                claimed_until = NULL, last_error = NULL
                        WHERE id = :id AND status = 'PENDING'
                        """)
                .bind("id", id).bind("now", now)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** Records a failed attempt; answers the row's new status: PENDING for a retry at {@code next}, or DEAD. */
    Mono<DeliveryStatus> failed(UUID id, String error, int maxAttempts, Instant next) {
        return db.sql("""
                        UPDATE notification SET attempts = attempts + 1, claimed_until = NULL, last_error = :error,
                                                next_attempt_at = :next,
                                                status = CASE WHEN attempts + 1 >= :max THEN 'DEAD' ELSE 'PENDING' END
                        WHERE id = :id AND status = 'PENDING'
                        RETURNING status
                        """)
                .bind("id", id).bind("error", error).bind("max", maxAttempts).bind("next", next)
                .map((row, meta) -> DeliveryStatus.valueOf(row.get("status", String.class)))
                .one();
    }

    /** Puts a row back without spending an attempt, e.g. while its endpoint's circuit is open. */
    Mono<Void> defer(UUID id, Instant next) {
        return db.sql("UPDATE notification SET claimed_until = NULL, next_attempt_at = :next WHERE id = :id AND status = 'PENDING'")
                .bind("id", id).bind("next", next)
                .fetch().rowsUpdated().then();
    }

    Mono<Boolean> cancel(UUID id, String why) {
        return db.sql("""
                        UPDATE notification SET status = 'CANCELLED', claimed_until = NULL, last_error = :why
                        WHERE id = :id AND status = 'PENDING'
                        """)
                .bind("id", id).bind("why", why)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    Mono<Long> cancelForEndpoint(UUID webhookEndpointId, String why) {
        return db.sql("""
                        UPDATE notification SET status = 'CANCELLED', claimed_until = NULL, last_error = :why
                        WHERE webhook_endpoint_id = :endpoint AND status = 'PENDING'
                        """)
                .bind("endpoint", webhookEndpointId).bind("why", why)
                .fetch().rowsUpdated();
    }

    Mono<Long> backlog() {
        return db.sql("SELECT count(*) AS n FROM notification WHERE status = 'PENDING'")
                .map((row, meta) -> row.get("n", Long.class))
                .one();
    }

    Flux<Delivery> deliveries(String topicType, Collection<UUID> topicIds) {
        return db.sql("""
                        SELECT topic_id, channel, recipient, status, attempts, last_error, delivered_at
                        FROM notification
                        WHERE topic_type = :type AND topic_id = ANY(:ids)
                        ORDER BY created_at, id
                        """)
                .bind("type", topicType)
                .bind("ids", topicIds.toArray(UUID[]::new))
                .map((row, meta) -> new Delivery(row.get("topic_id", UUID.class),
                        Channel.valueOf(row.get("channel", String.class)),
                        row.get("recipient", String.class),
                        DeliveryStatus.valueOf(row.get("status", String.class)),
                        row.get("attempts", Integer.class),
                        row.get("last_error", String.class),
                        row.get("delivered_at", Instant.class)))
                .all();
    }

    private static NotificationRow map(Readable row) {
        return new NotificationRow(row.get("id", UUID.class), Channel.valueOf(row.get("channel", String.class)),
                row.get("event_id", UUID.class), row.get("recipient", String.class),
                row.get("endpoint_key", String.class), row.get("webhook_endpoint_id", UUID.class),
                row.get("subject", String.class), row.get("body", String.class), row.get("attempts", Integer.class));
    }
}
