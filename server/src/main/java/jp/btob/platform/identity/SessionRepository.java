package jp.btob.platform.identity;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.permission.Permissions;
import jp.btob.platform.settings.SessionPolicy;
import jp.btob.platform.settings.ip.IpAllowlistColumn;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Sessions, found by the SHA-256 of their token. */
@Repository
class SessionRepository {

    /** Read on every request: the statement, with the effective permissions' columns, made once. */
    private static final String FIND_LIVE = """
            SELECT s.id, s.user_id, s.company_id, s.last_seen_at, s.password_change_required,
                   css.idle_timeout_enabled, css.idle_timeout_minutes, css.absolute_lifetime_minutes, %s, %s
            FROM user_session s
                 JOIN app_user u ON u.id = s.user_id
                 JOIN company c ON c.id = s.company_id
                 LEFT JOIN company_security_settings css ON css.company_id = s.company_id
            WHERE s.token_hash = :tokenHash AND s.ended_at IS NULL AND s.expires_at > :now
              AND u.status = 'ACTIVE' AND c.status = 'ACTIVE'
            """.formatted(IpAllowlistColumn.of("s.company_id"), Permissions.effectiveColumns("s.user_id"));

    private final DatabaseClient db;

    SessionRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Opens a session and stamps the user's last login, in one statement; PostgreSQL draws the
     * session's ID. {@code passwordChangeRequired} opens one that may only change the password.
     */
    Mono<OpenedSession> open(byte[] tokenHash, UUID userId, Instant now, Instant expiresAt,
                             boolean passwordChangeRequired, String sourceAddress) {
        return db.sql("""
                        WITH u AS (
                            UPDATE app_user SET last_login_at = :now
                            WHERE id = :userId AND status = 'ACTIVE'
                            RETURNING id, company_id)
                        INSERT INTO user_session (id, token_hash, user_id, company_id, created_at, last_seen_at, expires_at,
                                                  password_change_required, source_address)
                        SELECT gen_random_uuid(), :tokenHash, u.id, u.company_id, :now, :now, :expiresAt,
                               :passwordChangeRequired, :sourceAddress FROM u
                        RETURNING id, company_id
                        """)
                .bind("now", now)
                .bind("userId", userId)
                .bind("tokenHash", tokenHash)
                .bind("expiresAt", expiresAt)
                .bind("passwordChangeRequired", passwordChangeRequired)
                .bind("sourceAddress", Parameter.fromOrEmpty(sourceAddress, String.class))
                .map((row, meta) -> new OpenedSession(row.get("id", UUID.class), row.get("company_id", UUID.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("User vanished at login")));
    }

    /**
     * The unended, unexpired session with this token hash of an active user of an active company,
     * with the user's effective permissions, in one statement of indexed lookups; idleness is for
     * the caller to judge.
     */
    Mono<LiveSession> findLive(byte[] tokenHash, Instant now) {
        return db.sql(FIND_LIVE)
                .bind("tokenHash", tokenHash)
                .bind("now", now)
                .map((row, meta) -> new LiveSession(new CurrentUser(
                        row.get("user_id", UUID.class),
                        row.get("company_id", UUID.class),
                        Permissions.effective(row),
                        row.get("id", UUID.class),
                        IpAllowlistColumn.read(row)),
                        row.get("last_seen_at", Instant.class),
                        row.get("password_change_required", Boolean.class),
                        savedSessionPolicy(row)))
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

    /** Writes down a use of the session, unless a concurrent request already wrote a later one. */
    Mono<Void> touch(UUID sessionId, Instant now) {
        return db.sql("UPDATE user_session SET last_seen_at = :now WHERE id = :id AND last_seen_at < :now AND ended_at IS NULL")
                .bind("now", now)
                .bind("id", sessionId)
                .then();
    }

    Mono<Void> end(UUID sessionId, Instant now, EndReason reason) {
        return db.sql("UPDATE user_session SET ended_at = :now, end_reason = :reason WHERE id = :id AND ended_at IS NULL")
                .bind("now", now)
                .bind("reason", reason.name())
                .bind("id", sessionId)
                .then();
    }

    /** Ends every live session of the user but {@code keep}, the password having changed; answers how many ended. */
    Mono<Long> endOthers(UUID userId, UUID keep, Instant now) {
        return db.sql("""
                        UPDATE user_session SET ended_at = :now, end_reason = 'PASSWORD_CHANGED'
                        WHERE user_id = :user AND id <> :keep AND ended_at IS NULL
                        """)
                .bind("now", now)
                .bind("user", userId)
                .bind("keep", keep)
                .fetch().rowsUpdated();
    }

    /**
     * Ends a live session if it is the user's own ({@code userId} set) or of a user of the company
     * ({@code companyId} set); answers the session's user, empty when there is no such live session.
     */
    Mono<UUID> endLive(UUID sessionId, UUID userId, UUID companyId, Instant now, EndReason reason) {
        return db.sql("""
                        UPDATE user_session SET ended_at = :now, end_reason = :reason
                        WHERE id = :id AND ended_at IS NULL AND expires_at > :now
                          AND (CAST(:userId AS uuid) IS NULL OR user_id = :userId)
                          AND (CAST(:companyId AS uuid) IS NULL OR company_id = :companyId)
                        RETURNING user_id
                        """)
                .bind("now", now)
                .bind("reason", reason.name())
                .bind("id", sessionId)
                .bind("userId", Parameter.fromOrEmpty(userId, UUID.class))
                .bind("companyId", Parameter.fromOrEmpty(companyId, UUID.class))
                .map((row, meta) -> row.get("user_id", UUID.class))
                .one();
    }

    /** The unended, unexpired sessions of one user or of one company's users, newest first. */
    Flux<SessionView> listLive(UUID userId, UUID companyId, Instant now) {
        return db.sql("""
                        SELECT s.id, s.user_id, u.login_id, s.created_at, s.last_seen_at, s.expires_at, s.source_address
                        FROM user_session s JOIN app_user u ON u.id = s.user_id
                        WHERE s.company_id = :companyId AND s.ended_at IS NULL AND s.expires_at > :now
                          AND (CAST(:userId AS uuid) IS NULL OR s.user_id = :userId)
                        ORDER BY s.created_at DESC, s.id
                        """)
                .bind("companyId", companyId)
                .bind("now", now)
                .bind("userId", Parameter.fromOrEmpty(userId, UUID.class))
                .map((row, meta) -> new SessionView(row.get("id", UUID.class), row.get("user_id", UUID.class),
                        row.get("login_id", String.class), row.get("created_at", Instant.class),
                        row.get("last_seen_at", Instant.class), row.get("expires_at", Instant.class),
                        row.get("source_address", String.class)))
                .all();
    }

    /** Ends every live session of the user; answers how many ended. */
    Mono<Long> endAll(UUID userId, Instant now, EndReason reason) {
        return db.sql("""
                        UPDATE user_session SET ended_at = :now, end_reason = :reason
                        WHERE user_id = :user AND ended_at IS NULL AND expires_at > :now
                        """)
                .bind("now", now)
                .bind("reason", reason.name())
                .bind("user", userId)
                .fetch().rowsUpdated();
    }

    /** Why a session ended. */
    enum EndReason {
        LOGOUT, IDLE, ENDED_BY_USER, ENDED_BY_ADMIN, PASSWORD_CHANGED, USER_DISABLED, USER_DELETED, PASSWORD_RESET,
        COMPANY_SUSPENDED
    }

    /**
     * A session that has neither ended nor expired, with its last recorded use and whether it
     * may only change an expired password.
     */
    /** The session policy the company saved, read with the session; null when it saved none. */
    private static SessionPolicy savedSessionPolicy(Readable row) {
        Boolean enabled = row.get("idle_timeout_enabled", Boolean.class);
        return enabled == null ? null : new SessionPolicy(enabled, row.get("idle_timeout_minutes", Integer.class),
                row.get("absolute_lifetime_minutes", Integer.class));
    }

    /** A live session, with the session policy its company saved (null when none; the caller applies the floor). */
    record LiveSession(CurrentUser user, Instant lastSeenAt, boolean passwordChangeRequired, SessionPolicy savedPolicy) {
    }

    /** A session as its owner and their administrators see it: never its token or hash. */
    record SessionView(UUID id, UUID userId, String loginId, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
                       String sourceAddress) {
    }

    record OpenedSession(UUID sessionId, UUID companyId) {
    }
}
