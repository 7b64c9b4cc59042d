package jp.btob.platform.operator;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The operators' second-factor challenges; every change of one is a single conditional statement. */
@Repository
class OperatorChallengeRepository {

    private final DatabaseClient db;

    OperatorChallengeRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(String id, UUID operatorId, boolean enrolment, Instant now, Instant expiresAt) {
        return db.sql("""
                        INSERT INTO operator_challenge (id, operator_id, enrolment, created_at, expires_at)
                        VALUES (:id, :operator, :enrolment, :now, :expires)
                        """)
                .bind("id", id).bind("operator", operatorId).bind("enrolment", enrolment).bind("now", now)
                .bind("expires", expiresAt)
                .fetch().rowsUpdated().then();
    }

    /**
     * Counts one attempt and answers the challenge, if it is still alive and had attempts left;
     * the check and the count are one statement, so parallel attempts cannot exceed the limit.
     */
    Mono<Counted> countAttempt(String id, Instant now, int maxAttempts) {
        return db.sql("""
                        UPDATE operator_challenge SET attempts = attempts + 1
                        WHERE id = :id AND consumed_at IS NULL AND expires_at > :now AND attempts < :max
                        RETURNING operator_id, enrolment
                        """)
                .bind("id", id).bind("now", now).bind("max", maxAttempts)
                .map((row, meta) -> new Counted(id, row.get("operator_id", UUID.class),
                        Boolean.TRUE.equals(row.get("enrolment", Boolean.class))))
                .one();
    }

    /** Whose challenge this is, alive or not: for the lockout and the audit trail of a refused attempt. */
    Mono<UUID> owner(String id) {
        return db.sql("SELECT operator_id FROM operator_challenge WHERE id = :id")
                .bind("id", id)
                .map((row, meta) -> row.get("operator_id", UUID.class))
                .one();
    }

    /** Uses the challenge up; true for the one caller that did. */
    Mono<Boolean> consume(String id, Instant now) {
        return db.sql("""
                        UPDATE operator_challenge SET consumed_at = :now
                        WHERE id = :id AND consumed_at IS NULL AND expires_at > :now
                        """)
                .bind("id", id).bind("now", now)
                .fetch().rowsUpdated()
                .map(updated -> updated == 1);
    }

    record Counted(String id, UUID operatorId, boolean enrolment) {
    }
}
