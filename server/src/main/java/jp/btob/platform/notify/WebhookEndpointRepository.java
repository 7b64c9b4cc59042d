package jp.btob.platform.notify;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Webhook endpoints; every read names the company, and removed endpoints are never read as live. */
@Repository
class WebhookEndpointRepository {

    private static final String COLUMNS = "id, company_id, url, description, event_types, created_at, secret_rotated_at,"
            + " CASE WHEN previous_secret_expires_at > :now THEN previous_secret_expires_at END AS previous_expires";

    private final DatabaseClient db;

    WebhookEndpointRepository(DatabaseClient db) {
        this.db = db;
    }

    /** An ID drawn by PostgreSQL, so that no random source is read on the event loop. */
    Mono<UUID> newId() {
        return db.sql("SELECT gen_random_uuid() AS id").map((row, meta) -> row.get("id", UUID.class)).one();
    }

    /** Inserts the endpoint unless the company already has {@code max} live ones. */
    Mono<Boolean> insert(UUID id, UUID companyId, String url, String description, List<String> eventTypes, byte[] secret,
                         Instant now, int max) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO webhook_endpoint (id, company_id, url, description, event_types, secret, created_at)
                        SELECT :id, :company, :url, :description, :types, :secret, :now
                        WHERE (SELECT count(*) FROM webhook_endpoint WHERE company_id = :company AND deleted_at IS NULL) < :max
                        """)
                .bind("id", id).bind("company", companyId).bind("url", url).bind("secret", secret)
                .bind("types", eventTypes.toArray(String[]::new)).bind("now", now).bind("max", max);
        spec = description == null ? spec.bindNull("description", String.class) : spec.bind("description", description);
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** Changes the fields given (null: unchanged); false for an endpoint the company does not have. */
    Mono<Boolean> update(UUID id, UUID companyId, String url, String description, List<String> eventTypes) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE webhook_endpoint SET url = COALESCE(:url, url), description = COALESCE(:description, description),
                                                    event_types = COALESCE(:types, event_types)
                        WHERE id = :id AND company_id = :company AND deleted_at IS NULL
                        """)
                .bind("id", id).bind("company", companyId);
        spec = url == null ? spec.bindNull("url", String.class) : spec.bind("url", url);
        spec = description == null ? spec.bindNull("description", String.class) : spec.bind("description", description);
        spec = eventTypes == null ? spec.bindNull("types", String[].class) : spec.bind("types", eventTypes.toArray(String[]::new));
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    Flux<WebhookEndpoint> live(UUID companyId, Instant now) {
        return db.sql("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE company_id = :company AND deleted_at IS NULL"
                        + " ORDER BY created_at, id")
                .bind("company", companyId).bind("now", now)
                .map((row, meta) -> map(row))
                .all();
    }

    /** The live endpoints of the company that receive events of this type. */
    Flux<WebhookEndpoint> subscribed(UUID companyId, String type, Instant now) {
        return db.sql("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE company_id = :company AND deleted_at IS NULL"
                        + " AND ('*' = ANY(event_types) OR :type = ANY(event_types)) ORDER BY created_at, id")
                .bind("company", companyId).bind("type", type).bind("now", now)
                .map((row, meta) -> map(row))
                .all();
    }

    Mono<WebhookEndpoint> find(UUID id, UUID companyId, Instant now) {
        return db.sql("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id = :id AND company_id = :company AND deleted_at IS NULL")
                .bind("id", id).bind("company", companyId).bind("now", now)
                .map((row, meta) -> map(row))
                .one();
    }

    /** The company and encrypted secrets of a live endpoint: the previous one only while it still signs. */
    Mono<StoredSecret> secret(UUID id, Instant now) {
        return db.sql("""
                        SELECT company_id, secret, CASE WHEN previous_secret_expires_at > :now THEN previous_secret END AS previous
                        FROM webhook_endpoint WHERE id = :id AND deleted_at IS NULL
                        """)
                .bind("id", id).bind("now", now)
                .map((row, meta) -> new StoredSecret(row.get("company_id", UUID.class), row.get("secret", byte[].class),
                        row.get("previous", byte[].class)))
                .one();
    }

    /**
     * Puts the new secret in place; the current one becomes the previous, signing until
     * {@code previousUntil}, or is dropped at once when that is not after {@code now}.
     */
    Mono<Boolean> replaceSecret(UUID id, UUID companyId, byte[] secret, byte[] previous, Instant now, Instant previousUntil) {
        boolean keep = previousUntil.isAfter(now);
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE webhook_endpoint SET secret = :secret, secret_rotated_at = :now,
                                                    previous_secret = :previous, previous_secret_expires_at = :until
                        WHERE id = :id AND company_id = :company AND deleted_at IS NULL
                        """)
                .bind("id", id).bind("company", companyId).bind("secret", secret).bind("now", now);
        spec = keep ? spec.bind("previous", previous).bind("until", previousUntil)
                : spec.bindNull("previous", byte[].class).bindNull("until", Instant.class);
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** The current secret of a live endpoint of the company, locked until the transaction ends. */
    Mono<byte[]> currentForUpdate(UUID id, UUID companyId) {
        return db.sql("SELECT secret FROM webhook_endpoint WHERE id = :id AND company_id = :company AND deleted_at IS NULL FOR UPDATE")
                .bind("id", id).bind("company", companyId)
                .map((row, meta) -> row.get("secret", byte[].class))
                .one();
    }

    Mono<Boolean> delete(UUID id, UUID companyId, Instant now) {
        return db.sql("UPDATE webhook_endpoint SET deleted_at = :now WHERE id = :id AND company_id = :company AND deleted_at IS NULL")
                .bind("id", id).bind("company", companyId).bind("now", now)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    private static WebhookEndpoint map(Readable row) {
        String[] types = row.get("event_types", String[].class);
        return new WebhookEndpoint(row.get("id", UUID.class), row.get("company_id", UUID.class),
                row.get("url", String.class), row.get("description", String.class),
                types == null ? List.of() : Arrays.asList(types),
                row.get("created_at", Instant.class), row.get("secret_rotated_at", Instant.class),
                row.get("previous_expires", Instant.class));
    }

    record StoredSecret(UUID companyId, byte[] ciphertext, byte[] previous) {
    }
}
