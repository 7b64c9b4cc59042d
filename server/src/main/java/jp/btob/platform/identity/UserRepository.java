package jp.btob.platform.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.identity.lockout.Lockable;
import jp.btob.platform.settings.SecuritySettings;
import jp.btob.platform.settings.SecuritySettingsColumns;
import jp.btob.platform.settings.ip.IpAllowlistColumn;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Users as the identity feature needs them: credentials for login, a profile for {@code me}. */
@Repository
class UserRepository {

    /**
     * A login's account in one statement: the account, its company's status, the company's IP
     * allow-list, its SSO-only switch and its saved security settings, and whether the user chose a
     * second factor (the tables of the settings, SSO and MFA features, read here so that a login
     * spends no statement of its own on any of them).
     */
    private static final String CREDENTIALS = """
            SELECT u.id, u.company_id, u.password_hash, u.password_changed_at, u.password_reset_required,
                   u.status, c.status AS company_status, %s,
                   EXISTS (SELECT 1 FROM company_sso cs WHERE cs.company_id = u.company_id AND cs.sso_only) AS sso_only,
                   EXISTS (SELECT 1 FROM user_mfa m WHERE m.user_id = u.id AND m.channel IS NOT NULL) AS mfa_chosen,
                   %s
            FROM app_user u JOIN company c ON c.id = u.company_id %s
            """.formatted(IpAllowlistColumn.of("u.company_id"), SecuritySettingsColumns.columns(),
            SecuritySettingsColumns.join("u.company_id"));

    private final DatabaseClient db;

    UserRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The account with this login ID, active or not: a failed login is audited on its company's chain. */
    Mono<Credentials> findCredentials(String loginId) {
        return db.sql(CREDENTIALS + "WHERE lower(u.login_id) = lower(:loginId)")
                .bind("loginId", loginId)
                .map(UserRepository::credentials)
                .one();
    }

    /** The account as it is now, for a login that has passed its second factor. */
    Mono<Credentials> findCredentials(UUID userId) {
        return db.sql(CREDENTIALS + "WHERE u.id = :id")
                .bind("id", userId)
                .map(UserRepository::credentials)
                .one();
    }

    private static Credentials credentials(io.r2dbc.spi.Row row, io.r2dbc.spi.RowMetadata meta) {
        return new Credentials(row.get("id", UUID.class), row.get("company_id", UUID.class),
                row.get("password_hash", String.class), row.get("password_changed_at", Instant.class),
                Boolean.TRUE.equals(row.get("password_reset_required", Boolean.class)),
                "ACTIVE".equals(row.get("status", String.class)),
                "SUSPENDED".equals(row.get("company_status", String.class)),
                IpAllowlistColumn.read(row), Boolean.TRUE.equals(row.get("sso_only", Boolean.class)),
                Boolean.TRUE.equals(row.get("mfa_chosen", Boolean.class)), SecuritySettingsColumns.read(row));
    }

    Mono<Profile> findProfile(UUID userId) {
        return db.sql("""
                        SELECT u.id, u.login_id, u.display_name, u.email, u.last_login_at, u.password_changed_at,
                               c.id AS company_id, c.code AS company_code, c.name AS company_name
                        FROM app_user u JOIN company c ON c.id = u.company_id
                        WHERE u.id = :id
                        """)
                .bind("id", userId)
                .map((row, meta) -> new Profile(
                        row.get("id", UUID.class),
                        row.get("login_id", String.class),
                        row.get("display_name", String.class),
                        row.get("email", String.class),
                        row.get("last_login_at", Instant.class),
                        row.get("password_changed_at", Instant.class),
                        row.get("company_id", UUID.class),
                        row.get("company_code", String.class),
                        row.get("company_name", String.class)))
                .one();
    }

    /** The user's login ID, company and current password hash, for a password change. */
    Mono<PasswordAccount> findPasswordAccount(UUID userId) {
        return db.sql("SELECT id, company_id, login_id, password_hash FROM app_user WHERE id = :id AND status = 'ACTIVE'")
                .bind("id", userId)
                .map((row, meta) -> new PasswordAccount(row.get("id", UUID.class), row.get("company_id", UUID.class),
                        row.get("login_id", String.class), row.get("password_hash", String.class)))
                .one();
    }

    /** The hashes of the user's earlier passwords, newest first; the current one is not among them. */
    Flux<String> earlierPasswordHashes(UUID userId, int limit) {
        return db.sql("SELECT password_hash FROM password_history WHERE user_id = :id ORDER BY seq DESC LIMIT :limit")
                .bind("id", userId)
                .bind("limit", limit)
                .map((row, meta) -> row.get("password_hash", String.class))
                .all();
    }

    /**
     * Replaces the password if it is still {@code oldHash}, and moves the old hash into the
     * history, in one statement: of two changes at once, the second finds the hash changed and
     * changes nothing. Answers whether the password was replaced.
     */
    Mono<Boolean> replacePassword(UUID userId, String oldHash, String newHash, Instant now) {
        return db.sql("""
                        WITH changed AS (
                            UPDATE app_user SET password_hash = :newHash, password_changed_at = :now, updated_at = :now,
                                                password_reset_required = false
                            WHERE id = :id AND password_hash = :oldHash AND status = 'ACTIVE'
                            RETURNING id)
                        INSERT INTO password_history (user_id, password_hash, retired_at)
                        SELECT id, :oldHash, :now FROM changed
                        """)
                .bind("id", userId)
                .bind("oldHash", oldHash)
                .bind("newHash", newHash)
                .bind("now", now)
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Keeps the newest {@code keep} earlier passwords of the user and deletes the rest. */
    Mono<Long> trimPasswordHistory(UUID userId, int keep) {
        return db.sql("""
                        DELETE FROM password_history
                        WHERE user_id = :id AND seq NOT IN (
                            SELECT seq FROM password_history WHERE user_id = :id ORDER BY seq DESC LIMIT :keep)
                        """)
                .bind("id", userId)
                .bind("keep", keep)
                .fetch().rowsUpdated();
    }

    record PasswordAccount(UUID userId, UUID companyId, String loginId, String passwordHash) {
    }

    /**
     * An account as a login reads it, with what its company decides before any session is opened:
     * the IP allow-list's ranges, whether the company signs in through its identity providers only,
     * and the security settings it saved (null when none); and whether the user chose a second
     * factor of their own. {@code resetRequired}: an administrator chose the password, so the next
     * login may only change it. {@code companySuspended}: the platform's operators suspended the
     * user's company.
     */
    record Credentials(UUID userId, UUID companyId, String passwordHash, Instant passwordChangedAt,
                       boolean resetRequired, boolean active, boolean companySuspended,
                       List<String> companyAllowlist, boolean ssoOnly, boolean mfaChosen,
                       SecuritySettings savedSettings)
            implements Lockable {
    }

    record Profile(UUID id, String loginId, String displayName, String email, Instant lastLoginAt,
                   Instant passwordChangedAt, UUID companyId, String companyCode, String companyName) {
    }
}
