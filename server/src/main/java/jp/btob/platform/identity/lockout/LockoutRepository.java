package jp.btob.platform.identity.lockout;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.settings.LockoutPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The count of wrong passwords of each account, changed only by single statements. */
@Repository
class LockoutRepository {

    /** A failure starts a new count when the window of the first one has passed, or after a lock. */
    private static final String FRESH = "(l.window_start <= :windowOpenedBefore OR l.locked_until IS NOT NULL)";

    private final DatabaseClient db;

    LockoutRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Counts one failure and locks the account when it is the policy's last allowed one. Empty
     * while the account is locked: a failure during a lock is not counted, so a lock cannot be
     * prolonged by whoever keeps guessing. Concurrent calls queue on the row's lock and each
     * sees the count the previous one left.
     */
    Mono<Count> countFailure(UUID userId, UUID companyId, LockoutPolicy policy, Instant now) {
        Instant lockedUntil = now.plus(Duration.ofMinutes(policy.durationMinutes()));
        return db.sql("""
                        INSERT INTO login_lockout AS l (user_id, company_id, window_start, failures, locked_until)
                        VALUES (:userId, :companyId, :now, 1, CASE WHEN :maxFailures <= 1 THEN :lockedUntil END)
                        ON CONFLICT (user_id) DO UPDATE SET
                            window_start = CASE WHEN %1$s THEN :now ELSE l.window_start END,
                            failures = CASE WHEN %1$s THEN 1 ELSE l.failures + 1 END,
                            locked_until = CASE WHEN (CASE WHEN %1$s THEN 1 ELSE l.failures + 1 END) >= :maxFailures
                                                THEN :lockedUntil END
                        WHERE l.locked_until IS NULL OR l.locked_until <= :now
                        RETURNING failures, locked_until
                        """.formatted(FRESH))
                .bind("userId", userId)
                .bind("companyId", companyId)
                .bind("now", now)
                .bind("windowOpenedBefore", now.minus(Duration.ofMinutes(policy.windowMinutes())))
                .bind("maxFailures", policy.maxFailures())
                .bind("lockedUntil", lockedUntil)
                .map((row, meta) -> new Count(row.get("failures", Integer.class), row.get("locked_until", Instant.class)))
                .one();
    }

    /**
     * True, and the count cleared, unless the account is locked now. A lock taken by a
     * concurrent failure after this statement's snapshot is never cleared: the delete checks
     * the row it would remove.
     */
    Mono<Boolean> admit(UUID userId, Instant now) {
        return db.sql("""
                        WITH locked AS (
                            SELECT 1 FROM login_lockout WHERE user_id = :userId AND locked_until > :now),
                        cleared AS (
                            DELETE FROM login_lockout
                            WHERE user_id = :userId AND (locked_until IS NULL OR locked_until <= :now)
                            RETURNING 1)
                        SELECT NOT EXISTS (SELECT 1 FROM locked) AS admitted
                        """)
                .bind("userId", userId)
                .bind("now", now)
                .map((row, meta) -> row.get("admitted", Boolean.class))
                .one();
    }

    /** Clears the account's count; answers whether it was locked at {@code now}. */
    Mono<Boolean> unlock(UUID userId, Instant now) {
        return db.sql("DELETE FROM login_lockout WHERE user_id = :userId RETURNING locked_until > :now AS was_locked")
                .bind("userId", userId)
                .bind("now", now)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("was_locked", Boolean.class)))
                .one()
                .defaultIfEmpty(false);
    }

    /** The company of a user, empty for an unknown user. */
    Mono<UUID> companyOf(UUID userId) {
        return db.sql("SELECT company_id FROM app_user WHERE id = :userId")
                .bind("userId", userId)
                .map((row, meta) -> row.get("company_id", UUID.class))
                .one();
    }

    Mono<String> emailOf(UUID userId) {
        return db.sql("SELECT email FROM app_user WHERE id = :userId")
                .bind("userId", userId)
                .map((row, meta) -> row.get("email", String.class))
                .one();
    }

    /** The count after a failure; {@code lockedUntil} set when this failure locked the account. */
    record Count(int failures, Instant lockedUntil) {

        boolean locked() {
            return lockedUntil != null;
        }
    }
}
