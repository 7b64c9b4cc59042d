package jp.btob.platform.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The companies' webhook events; every read names the company. */
@Repository
class WebhookEventRepository {

    private final DatabaseClient db;

    WebhookEventRepository(DatabaseClient db) {
        this.db = db;
    }

    /** An ID drawn by PostgreSQL, so that no random source is read on the event loop. */
    Mono<UUID> newId() {
        return db.sql("SELECT gen_random_uuid() AS id").map((row, meta) -> row.get("id", UUID.class)).one();
    }

    Mono<Void> insert(UUID id, UUID companyId, String type, Instant at, String body) {
        return db.sql("INSERT INTO webhook_event (id, company_id, type, created_at, body) VALUES (:id, :company, :type, :at, :body)")
                .bind("id", id).bind("company", companyId).bind("type", type).bind("at", at).bind("body", body)
                .fetch().rowsUpdated().then();
    }

    Mono<StoredEvent> find(UUID companyId, UUID id) {
        return db.sql("SELECT id, type, body FROM webhook_event WHERE id = :id AND company_id = :company")
                .bind("id", id).bind("company", companyId)
                .map((row, meta) -> new StoredEvent(row.get("id", UUID.class), row.get("type", String.class),
                        row.get("body", String.class)))
                .one();
    }

    /** Up to {@code limit} events of the company created in {@code [from, to)}, of these types (null: any), oldest first. */
    Flux<StoredEvent> range(UUID companyId, Instant from, Instant to, List<String> types, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT id, type, body FROM webhook_event
                        WHERE company_id = :company AND created_at >= :from AND created_at < :to
                          AND (CAST(:types AS text[]) IS NULL OR type = ANY(:types))
                        ORDER BY created_at, id
                        LIMIT :limit
                        """)
                .bind("company", companyId).bind("from", from).bind("to", to).bind("limit", limit);
        spec = types == null ? spec.bindNull("types", String[].class) : spec.bind("types", types.toArray(String[]::new));
        return spec.map((row, meta) -> new StoredEvent(row.get("id", UUID.class), row.get("type", String.class),
                        row.get("body", String.class)))
                .all();
    }
}
