package jp.btob.platform.identity;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.Role;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Sessions, found by the SHA-256 of their token. */
@Repository
class SessionRepository {

    private final DatabaseClient db;

    SessionRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Opens a session and stamps the user's last login, in one statement; PostgreSQL draws the
     * session's ID. {@code passwordChangeRequired} opens one that may only change the password.
     */
    Mono<OpenedSession> open(byte[] tokenHash, UUID userId, Instant now, Instant expiresAt,
                             boolean passwordChangeRequired) {
        return db.sql("""
                        WITH u AS (
                            UPDATE app_user SET last_login_at = :now
                            WHERE id = :userId AND status = 'ACTIVE'
                            RETURNING id, company_id)
                        INSERT INTO user_session (id, token_hash, user_id, company_id, created_at, last_seen_at, expires_at,
                                                  password_change_required)
                        SELECT gen_random_uuid(), :tokenHash, u.id, u.company_id, :now, :now, :expiresAt,
                               :passwordChangeRequired FROM u
                        RETURNING id, company_id
                        """)
                .bind("now", now)
                .bind("userId", userId)
                .bind("tokenHash", tokenHash)
                .bind("expiresAt", expiresAt)
                .bind("passwordChangeRequired", passwordChangeRequired)
                .map((row, meta) -> new OpenedSession(row.get("id", UUID.class), row.get("company_id", UUID.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("User vanished at login")));
    }

    /** The live session with this token hash, in one indexed lookup. */
    Mono<LiveSession> findLive(byte[] tokenHash, Instant now) {
        return db.sql("""
                        SELECT s.id, s.user_id, s.company_id, s.password_change_required, u.role
                        FROM user_session s JOIN app_user u ON u.id = s.user_id
                        WHERE s.token_hash = :tokenHash AND s.ended_at IS NULL AND s.expires_at > :now
                          AND u.status = 'ACTIVE'
                        """)
                .bind("tokenHash", tokenHash)
                .bind("now", now)
                .map((row, meta) -> new LiveSession(new CurrentUser(
                        row.get("user_id", UUID.class),
                        row.get("company_id", UUID.class),
                        Role.fromValue(row.get("role", String.class)),
                        row.get("id", UUID.class)),
                        row.get("password_change_required", Boolean.class)))
                .one();
    }

    /** Whether the session may only change the password. */
    Mono<Boolean> passwordChangeRequired(UUID sessionId) {
        return db.sql("SELECT password_change_required FROM user_session WHERE id = :id")
                .bind("id", sessionId)
                .map((row, meta) -> row.get("password_change_required", Boolean.class))
                .one();
    }

    /** The password has been changed: the session becomes a normal one. */
    Mono<Void> lift(UUID sessionId) {
        return db.sql("UPDATE user_session SET password_change_required = false WHERE id = :id")
                .bind("id", sessionId)
                .then();
    }

    Mono<Void> end(UUID sessionId, Instant now) {
        return db.sql("UPDATE user_session SET ended_at = :now WHERE id = :id AND ended_at IS NULL")
                .bind("now", now)
                .bind("id", sessionId)
                .then();
    }

    /** Ends every live session of the user but {@code keep}; answers how many ended. */
    Mono<Long> endOthers(UUID userId, UUID keep, Instant now) {
        return db.sql("UPDATE user_session SET ended_at = :now WHERE user_id = :user AND id <> :keep AND ended_at IS NULL")
                .bind("now", now)
                .bind("user", userId)
                .bind("keep", keep)
                .fetch().rowsUpdated();
    }

    record OpenedSession(UUID sessionId, UUID companyId) {
    }

    record LiveSession(CurrentUser user, boolean passwordChangeRequired) {
    }
}
