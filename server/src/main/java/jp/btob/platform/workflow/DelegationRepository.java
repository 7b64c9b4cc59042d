package jp.btob.platform.workflow;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Delegations of approvals. A delegation is never removed: revoking it marks it, once. */
@Repository
class DelegationRepository {

    private final DatabaseClient db;

    DelegationRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Whether the user is an active user of the company. */
    Mono<Boolean> activeUser(UUID companyId, UUID userId) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM app_user
                                       WHERE id = :user AND company_id = :company AND status = 'ACTIVE') AS active
                        """)
                .bind("user", userId).bind("company", companyId)
                .map((row, meta) -> row.get("active", Boolean.class))
                .one();
    }

    /** Inserts a delegation; PostgreSQL draws the ID. */
    Mono<UUID> insert(UUID companyId, UUID delegatorId, UUID delegateId, Instant from, Instant until, String note,
                      Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO workflow_delegation (id, company_id, delegator_id, delegate_id, starts_at, ends_at,
                                                         note, created_at)
                        VALUES (gen_random_uuid(), :company, :delegator, :delegate, :from, :until, :note, :now)
                        RETURNING id
                        """)
                .bind("company", companyId).bind("delegator", delegatorId).bind("delegate", delegateId)
                .bind("from", from).bind("until", until).bind("now", now);
        spec = note == null ? spec.bindNull("note", String.class) : spec.bind("note", note);
        return spec.map((row, meta) -> row.get("id", UUID.class)).one();
    }

    Mono<DelegationRow> find(UUID id) {
        return db.sql("SELECT * FROM workflow_delegation WHERE id = :id")
                .bind("id", id)
                .map((row, meta) -> delegation(row))
                .one();
    }

    /**
     * The user's delegations in the company, given ({@code given}), received ({@code received}) or
     * both; oldest first, after the cursor.
     */
    Flux<DelegationRow> of(UUID companyId, UUID userId, boolean given, boolean received, Instant afterAt,
                           UUID afterId, int fetch) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT * FROM workflow_delegation
                        WHERE company_id = :company
                          AND ((:given AND delegator_id = :user) OR (:received AND delegate_id = :user))
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) > (:afterAt, :afterId))
                        ORDER BY created_at, id
                        LIMIT :fetch
                        """)
                .bind("company", companyId).bind("user", userId).bind("given", given).bind("received", received)
                .bind("fetch", fetch);
        spec = afterAt == null ? spec.bindNull("afterAt", Instant.class).bindNull("afterId", UUID.class)
                : spec.bind("afterAt", afterAt).bind("afterId", afterId);
        return spec.map((row, meta) -> delegation(row)).all();
    }

    /** Whether a delegation from the delegator to the delegate, in the company, is in force at {@code now}. */
    Mono<Boolean> inForce(UUID companyId, UUID delegatorId, UUID delegateId, Instant now) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM workflow_delegation
                                       WHERE company_id = :company AND delegator_id = :delegator
                                         AND delegate_id = :delegate AND revoked_at IS NULL
                                         AND starts_at <= :now AND ends_at > :now) AS in_force
                        """)
                .bind("company", companyId).bind("delegator", delegatorId).bind("delegate", delegateId)
                .bind("now", now)
                .map((row, meta) -> row.get("in_force", Boolean.class))
                .one();
    }

    /** Revokes the delegation if it has neither been revoked nor ended at {@code now}; answers whether it did. */
    Mono<Boolean> revoke(UUID id, Instant now) {
        return db.sql("""
                        UPDATE workflow_delegation SET revoked_at = :now
                        WHERE id = :id AND revoked_at IS NULL AND ends_at > :now
                        """)
                .bind("id", id).bind("now", now)
                .fetch().rowsUpdated().map(count -> count == 1);
    }

    private static DelegationRow delegation(Readable row) {
        return new DelegationRow(row.get("id", UUID.class), row.get("company_id", UUID.class),
                row.get("delegator_id", UUID.class), row.get("delegate_id", UUID.class),
                row.get("starts_at", Instant.class), row.get("ends_at", Instant.class), row.get("note", String.class),
                row.get("created_at", Instant.class), row.get("revoked_at", Instant.class));
    }
}
