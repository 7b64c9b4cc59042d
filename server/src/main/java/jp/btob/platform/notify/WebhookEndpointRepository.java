package jp.btob.platform.notify;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Webhook endpoints; every read names the company, and removed endpoints are never read as live. */
@Repository
class WebhookEndpointRepository {

    private static final String COLUMNS = "id, company_id, url, description, created_at, secret_rotated_at";

    private final DatabaseClient db;

    WebhookEndpointRepository(DatabaseClient db) {
        this.db = db;
    }

    /** An ID drawn by PostgreSQL, so that no random source is read on the event loop. */
    Mono<UUID> newId() {
        return db.sql("SELECT gen_random_uuid() AS id").map((row, meta) -> row.get("id", UUID.class)).one();
    }

    /** Inserts the endpoint unless the company already has {@code max} live ones. */
    Mono<Boolean> insert(UUID id, UUID companyId, String url, String description, byte[] secret, Instant now, int max) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO webhook_endpoint (id, company_id, url, description, secret, created_at)
                        SELECT :id, :company, :url, :description, :secret, :now
                        WHERE (SELECT count(*) FROM webhook_endpoint WHERE company_id = :company AND deleted_at IS NULL) < :max
                        """)
                .bind("id", id).bind("company", companyId).bind("url", url).bind("secret", secret)
                .bind("now", now).bind("max", max);
        spec = description == null ? spec.bindNull("description", String.class) : spec.bind("description", description);
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    Flux<WebhookEndpoint> live(UUID companyId) {
        return db.sql("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE company_id = :company AND deleted_at IS NULL"
                        + " ORDER BY created_at, id")
                .bind("company", companyId)
                .map((row, meta) -> map(row))
                .all();
    }

    Mono<WebhookEndpoint> find(UUID id, UUID companyId) {
        return db.sql("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id = :id AND company_id = :company AND deleted_at IS NULL")
                .bind("id", id).bind("company", companyId)
                .map((row, meta) -> map(row))
                .one();
    }

    /** The company and encrypted secret of a live endpoint. */
    Mono<StoredSecret> secret(UUID id) {
        return db.sql("SELECT company_id, secret FROM webhook_endpoint WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id)
                .map((row, meta) -> new StoredSecret(row.get("company_id", UUID.class), row.get("secret", byte[].class)))
                .one();
    }

    Mono<Boolean> replaceSecret(UUID id, UUID companyId, byte[] secret, Instant now) {
        return db.sql("""
                        UPDATE webhook_endpoint SET secret = :secret, secret_rotated_at = :now
                        WHERE id = :id AND company_id = :company AND deleted_at IS NULL
                        """)
                .bind("id", id).bind("company", companyId).bind("secret", secret).bind("now", now)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    Mono<Boolean> delete(UUID id, UUID companyId, Instant now) {
        return db.sql("UPDATE webhook_endpoint SET deleted_at = :now WHERE id = :id AND company_id = :company AND deleted_at IS NULL")
                .bind("id", id).bind("company", companyId).bind("now", now)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    private static WebhookEndpoint map(Readable row) {
        return new WebhookEndpoint(row.get("id", UUID.class), row.get("company_id", UUID.class),
                row.get("url", String.class), row.get("description", String.class),
                row.get("created_at", Instant.class), row.get("secret_rotated_at", Instant.class));
    }

    record StoredSecret(UUID companyId, byte[] ciphertext) {
    }
}
