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

/**
 * The outbox and its attempts. Every change of a row is one conditional statement on a row still
 * PENDING, which records the attempt with it.
 */
@Repository
class NotificationRepository {

    private static final String LOG_COLUMNS = "id, event_id, event_type, status, attempts, created_at, last_attempt_at,"
            + " next_attempt_at, delivered_at, last_error, last_http_status ";

    private final DatabaseClient db;

    NotificationRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts a PENDING row; {@code eventType} is set for a delivery of a company's event, and answers its ID. */
    Mono<UUID> insert(Channel channel, Topic topic, UUID eventId, String eventType, String recipient, String endpointKey,
                      UUID webhookEndpointId, String subject, String body, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO notification (channel, topic_type, topic_id, event_id, event_type, recipient, endpoint_key,
                                                  webhook_endpoint_id, subject, body, status, next_attempt_at, created_at)
                        VALUES (:channel, :topicType, :topicId, :eventId, :eventType, :recipient, :endpointKey,
                                :endpoint, :subject, :body, 'PENDING', :now, :now)
                        RETURNING id
                        """)
                .bind("channel", channel.name())
                .bind("topicType", topic.type())
                .bind("topicId", topic.id())
                .bind("eventId", eventId)
                .bind("recipient", recipient)
                .bind("endpointKey", endpointKey)
                .bind("body", body)
                .bind("now", now);
        spec = eventType == null ? spec.bindNull("eventType", String.class) : spec.bind("eventType", eventType);
        spec = webhookEndpointId == null ? spec.bindNull("endpoint", UUID.class) : spec.bind("endpoint", webhookEndpointId);
        spec = subject == null ? spec.bindNull("subject", String.class) : spec.bind("subject", subject);
        return spec.map((row, meta) -> row.get("id", UUID.class)).one();
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

    /** Records the delivering attempt with its time, HTTP status (null for e-mail) and duration. */
    Mono<Boolean> delivered(UUID id, Instant now, Integer httpStatus, long durationMs) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        WITH changed AS (
                            UPDATE notification SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = :now,
                                                    claimed_until = NULL, last_error = NULL, last_attempt_at = :now,
                                                    last_http_status = :http
                            WHERE id = :id AND status = 'PENDING'
                            RETURNING id),
                        logged AS (
                            INSERT INTO notification_attempt (notification_id, at, outcome, http_status, duration_ms)
                            SELECT id, :now, 'DELIVERED', :http, :ms FROM changed)
                        SELECT count(*) AS n FROM changed
                        """)
                .bind("id", id).bind("now", now).bind("ms", durationMs);
        spec = httpStatus == null ? spec.bindNull("http", Integer.class) : spec.bind("http", httpStatus);
        return spec.map((row, meta) -> row.get("n", Long.class)).one().map(rows -> rows == 1);
    }

    /**
     * Records a failed attempt; answers the row's new status: PENDING for a retry at {@code next}, or
     * DEAD. A delivery of an event dies once it was created before {@code deadline}, any other row
     * once it has had {@code maxAttempts}.
     */
    Mono<DeliveryStatus> failed(UUID id, Failure failure, int maxAttempts, Instant deadline, Instant next) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        WITH changed AS (
                            UPDATE notification SET attempts = attempts + 1, claimed_until = NULL, last_error = :error,
                                                    next_attempt_at = :next, last_attempt_at = :now,
                                                    last_http_status = :http,
                                                    status = CASE WHEN event_type IS NULL AND attempts + 1 >= :max THEN 'DEAD'
                                                                  WHEN event_type IS NOT NULL AND created_at <= :deadline THEN 'DEAD'
                                                                  ELSE 'PENDING' END
                            WHERE id = :id AND status = 'PENDING'
                            RETURNING id, status),
                        logged AS (
                            INSERT INTO notification_attempt (notification_id, at, outcome, http_status, error, duration_ms)
                            SELECT id, :now, 'FAILED', :http, :error, :ms FROM changed)
                        SELECT status FROM changed
                        """)
                .bind("id", id).bind("error", failure.error()).bind("max", maxAttempts).bind("deadline", deadline)
                .bind("next", next).bind("now", failure.at()).bind("ms", failure.durationMs());
        spec = failure.httpStatus() == null ? spec.bindNull("http", Integer.class) : spec.bind("http", failure.httpStatus());
        return spec.map((row, meta) -> DeliveryStatus.valueOf(row.get("status", String.class))).one();
    }

    /**
     * Puts a row back without spending an attempt, e.g. while its endpoint's circuit is open; a
     * delivery of an event created before {@code deadline} is given up instead ({@code DEAD}).
     */
    Mono<Void> defer(UUID id, Instant next, Instant deadline) {
        return db.sql("""
                        UPDATE notification SET claimed_until = NULL, next_attempt_at = :next,
                                                status = CASE WHEN event_type IS NOT NULL AND created_at <= :deadline
                                                              THEN 'DEAD' ELSE 'PENDING' END
                        WHERE id = :id AND status = 'PENDING'
                        """)
                .bind("id", id).bind("next", next).bind("deadline", deadline)
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

    /** A page of an endpoint's deliveries, newest first, optionally of one status and one event type. */
    Flux<WebhookDelivery> log(UUID endpointId, DeliveryStatus status, String eventType, Instant afterAt, UUID afterId,
                              int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + LOG_COLUMNS + """
                        FROM notification
                        WHERE webhook_endpoint_id = :endpoint
                          AND (CAST(:status AS text) IS NULL OR status = :status)
                          AND (CAST(:type AS text) IS NULL OR event_type = :type)
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) < (:afterAt, :afterId))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit
                        """)
                .bind("endpoint", endpointId)
                .bind("limit", limit);
        spec = status == null ? spec.bindNull("status", String.class) : spec.bind("status", status.name());
        spec = eventType == null ? spec.bindNull("type", String.class) : spec.bind("type", eventType);
        spec = afterAt == null ? spec.bindNull("afterAt", Instant.class).bindNull("afterId", UUID.class)
                : spec.bind("afterAt", afterAt).bind("afterId", afterId);
        return spec.map((row, meta) -> logEntry(row)).all();
    }

    Mono<WebhookDelivery> logEntry(UUID endpointId, UUID id) {
        return db.sql("SELECT " + LOG_COLUMNS + " FROM notification WHERE id = :id AND webhook_endpoint_id = :endpoint")
                .bind("id", id).bind("endpoint", endpointId)
                .map((row, meta) -> logEntry(row))
                .one();
    }

    Flux<WebhookDelivery.Attempt> attempts(UUID id) {
        return db.sql("""
                        SELECT at, outcome, http_status, error, duration_ms FROM notification_attempt
                        WHERE notification_id = :id ORDER BY at
                        """)
                .bind("id", id)
                .map((row, meta) -> new WebhookDelivery.Attempt(row.get("at", Instant.class),
                        row.get("outcome", String.class), row.get("http_status", Integer.class),
                        row.get("error", String.class), row.get("duration_ms", Integer.class)))
                .all();
    }

    private static WebhookDelivery logEntry(Readable row) {
        return new WebhookDelivery(row.get("id", UUID.class), row.get("event_id", UUID.class),
                row.get("event_type", String.class), DeliveryStatus.valueOf(row.get("status", String.class)),
                row.get("attempts", Integer.class), row.get("created_at", Instant.class),
                row.get("last_attempt_at", Instant.class), row.get("next_attempt_at", Instant.class),
                row.get("delivered_at", Instant.class), row.get("last_error", String.class),
                row.get("last_http_status", Integer.class));
    }

    private static NotificationRow map(Readable row) {
        return new NotificationRow(row.get("id", UUID.class), Channel.valueOf(row.get("channel", String.class)),
                row.get("event_id", UUID.class), row.get("recipient", String.class),
                row.get("endpoint_key", String.class), row.get("webhook_endpoint_id", UUID.class),
                row.get("subject", String.class), row.get("body", String.class), row.get("attempts", Integer.class));
    }
}
