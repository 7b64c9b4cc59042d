package jp.btob.platform.operator;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.identity.PasswordCheck;
import jp.btob.platform.operator.OperatorProperties.Lockout;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Operator accounts, as a login needs them, with their count of wrong passwords and codes. */
@Repository
class OperatorRepository {

    /** A failure starts a new count when the window of the first one has passed, or after a lock. */
    private static final String FRESH =
            "(o.failures = 0 OR o.failure_window_start <= :windowOpenedBefore OR o.locked_until IS NOT NULL)";

    private final DatabaseClient db;

    OperatorRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The operator with this login ID, active or not: a failed login names the account it was aimed at. */
    Mono<Credentials> findCredentials(String loginId) {
        return db.sql("""
                        SELECT id, login_id, password_hash, status, locked_until
                        FROM operator_account WHERE lower(login_id) = lower(:loginId)
                        """)
                .bind("loginId", loginId)
                .map((row, meta) -> new Credentials(row.get("id", UUID.class), row.get("login_id", String.class),
                        row.get("password_hash", String.class), "ACTIVE".equals(row.get("status", String.class)),
                        row.get("locked_until", Instant.class)))
                .one();
    }

    /**
     * Counts one wrong password or code, and locks the operator when it is the last one allowed.
     * Empty while the operator is locked: guessing on cannot prolong a lock. Concurrent calls
     * queue on the row's lock, each seeing the count the previous one left.
     */
    Mono<Count> countFailure(UUID operatorId, Lockout policy, Instant now) {
        return db.sql("""
                        UPDATE operator_account o SET
                            failure_window_start = CASE WHEN %1$s THEN :now ELSE o.failure_window_start END,
                            failures = CASE WHEN %1$s THEN 1 ELSE o.failures + 1 END,
                            locked_until = CASE WHEN (CASE WHEN %1$s THEN 1 ELSE o.failures + 1 END) >= :maxFailures
                                                THEN :lockedUntil END
                        WHERE o.id = :id AND (o.locked_until IS NULL OR o.locked_until <= :now)
                        RETURNING failures, locked_until
                        """.formatted(FRESH))
                .bind("id", operatorId)
                .bind("now", now)
                .bind("windowOpenedBefore", now.minus(policy.window()))
                .bind("maxFailures", policy.maxFailures())
                .bind("lockedUntil", now.plus(policy.duration()))
                .map((row, meta) -> new Count(row.get("failures", Integer.class), row.get("locked_until", Instant.class)))
                .one();
    }

    record Credentials(UUID operatorId, String loginId, String passwordHash, boolean active, Instant lockedUntil)
            implements PasswordCheck.Account {

        boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    /** The count after a failure; {@code lockedUntil} set when this failure locked the operator. */
    record Count(int failures, Instant lockedUntil) {

        boolean locked() {
            return lockedUntil != null;
        }
    }
}
