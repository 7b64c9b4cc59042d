package jp.btob.platform.operator;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Operator sessions, found by the SHA-256 of their token; never a company user's session. */
@Repository
class OperatorSessionRepository {

    private final DatabaseClient db;

    OperatorSessionRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Opens a session, stamps the operator's last login and clears the count of failures, in one
     * statement; answers the session's ID, or nothing when the operator is disabled or locked.
     */
    Mono<UUID> open(byte[] tokenHash, UUID operatorId, Instant now, Instant expiresAt) {
        return db.sql("""
                        WITH o AS (
                            UPDATE operator_account
                            SET last_login_at = :now, failures = 0, failure_window_start = NULL, locked_until = NULL
                            WHERE id = :operatorId AND status = 'ACTIVE' AND (locked_until IS NULL OR locked_until <= :now)
                            RETURNING id)
                        INSERT INTO operator_session (id, token_hash, operator_id, created_at, last_seen_at, expires_at)
                        SELECT gen_random_uuid(), :tokenHash, o.id, :now, :now, :expiresAt FROM o
                        RETURNING id
                        """)
                .bind("now", now)
                .bind("operatorId", operatorId)
                .bind("tokenHash", tokenHash)
                .bind("expiresAt", expiresAt)
                .map((row, meta) -> row.get("id", UUID.class))
                .one();
    }

    /** The live session with this token hash of an active operator, in one indexed lookup. */
    Mono<CurrentOperator> findLive(byte[] tokenHash, Instant now) {
        return db.sql("""
                        SELECT s.id, s.operator_id
                        FROM operator_session s JOIN operator_account o ON o.id = s.operator_id
                        WHERE s.token_hash = :tokenHash AND s.ended_at IS NULL AND s.expires_at > :now
                          AND o.status = 'ACTIVE'
                        """)
                .bind("tokenHash", tokenHash)
                .bind("now", now)
                .map((row, meta) -> new CurrentOperator(row.get("operator_id", UUID.class), row.get("id", UUID.class)))
                .one();
    }

    Mono<Void> end(UUID sessionId, Instant now) {
        return db.sql("UPDATE operator_session SET ended_at = :now WHERE id = :id AND ended_at IS NULL")
                .bind("now", now)
                .bind("id", sessionId)
                .then();
    }
}
