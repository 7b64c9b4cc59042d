package jp.btob.platform.system.idempotency;

import java.time.Instant;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The idempotency keys: claimed by one statement that only one of concurrent requests wins. */
@Repository
class IdempotencyRepository {

    private final DatabaseClient db;

    IdempotencyRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Claims the key for this request; false when the caller already holds it, for this request or another. */
    Mono<Boolean> claim(IdempotencyClaim claim, Instant now) {
        return db.sql("""
                        INSERT INTO idempotency_key (scope, idem_key, method, path, request_hash, state, created_at)
                        VALUES (:scope, :key, :method, :path, :hash, 'IN_PROGRESS', :now)
                        ON CONFLICT DO NOTHING
                        """)
                .bind("scope", claim.scope())
                .bind("key", claim.key())
                .bind("method", claim.method())
                .bind("path", claim.path())
                .bind("hash", claim.requestHash())
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    Mono<StoredKey> find(IdempotencyClaim claim) {
        return db.sql("SELECT * FROM idempotency_key WHERE scope = :scope AND idem_key = :key")
                .bind("scope", claim.scope())
                .bind("key", claim.key())
                .map((row, meta) -> map(row))
                .one();
    }

    /** Keeps the answer of the request that holds the claim. */
    Mono<Void> complete(IdempotencyClaim claim, StoredResponse response) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE idempotency_key
                        SET state = 'DONE', status = :status, location = :location, etag = :etag,
                            content_type = :contentType, body = :body
                        WHERE scope = :scope AND idem_key = :key AND state = 'IN_PROGRESS'
                        """)
                .bind("scope", claim.scope())
                .bind("key", claim.key())
                .bind("status", response.status())
                .bind("body", response.body());
        spec = bindText(spec, "location", response.location());
        spec = bindText(spec, "etag", response.etag());
        spec = bindText(spec, "contentType", response.contentType());
        return spec.then();
    }

    /** Gives a claim up after a failure, so that a retry can succeed. */
    Mono<Void> release(IdempotencyClaim claim) {
        return db.sql("DELETE FROM idempotency_key WHERE scope = :scope AND idem_key = :key AND state = 'IN_PROGRESS'")
                .bind("scope", claim.scope())
                .bind("key", claim.key())
                .then();
    }

    /**
     * Removes the keys older than the retention, and claims never completed since {@code abandoned}:
     * those of an instance that stopped while serving them.
     */
    Mono<Long> purge(Instant expired, Instant abandoned) {
        return db.sql("""
                        DELETE FROM idempotency_key
                        WHERE created_at < :expired OR (state = 'IN_PROGRESS' AND created_at < :abandoned)
                        """)
                .bind("expired", expired)
                .bind("abandoned", abandoned)
                .fetch()
                .rowsUpdated();
    }

    private static DatabaseClient.GenericExecuteSpec bindText(DatabaseClient.GenericExecuteSpec spec, String name,
                                                              String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    private static StoredKey map(Readable row) {
        Integer status = row.get("status", Integer.class);
        StoredResponse response = status == null ? null : new StoredResponse(status, row.get("location", String.class),
                row.get("etag", String.class), row.get("content_type", String.class), row.get("body", byte[].class));
        return new StoredKey(row.get("method", String.class), row.get("path", String.class),
                row.get("request_hash", byte[].class), response);
    }
}
