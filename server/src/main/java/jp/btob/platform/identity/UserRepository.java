package jp.btob.platform.identity;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.Role;
import jp.btob.platform.identity.lockout.Lockable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Users as the identity feature needs them: credentials for login, a profile for {@code me}. */
@Repository
class UserRepository {

    private final DatabaseClient db;

    UserRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The account with this login ID, active or not: a failed login is audited on its company's chain. */
    Mono<Credentials> findCredentials(String loginId) {
        return db.sql("SELECT id, company_id, password_hash, status FROM app_user WHERE lower(login_id) = lower(:loginId)")
                .bind("loginId", loginId)
                .map((row, meta) -> new Credentials(row.get("id", UUID.class), row.get("company_id", UUID.class),
                        row.get("password_hash", String.class), "ACTIVE".equals(row.get("status", String.class))))
                .one();
    }

    Mono<Profile> findProfile(UUID userId) {
        return db.sql("""
                        SELECT u.id, u.login_id, u.display_name, u.email, u.role, u.last_login_at,
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
                        Role.fromValue(row.get("role", String.class)),
                        row.get("last_login_at", Instant.class),
                        row.get("company_id", UUID.class),
                        row.get("company_code", String.class),
                        row.get("company_name", String.class)))
                .one();
    }

    record Credentials(UUID userId, UUID companyId, String passwordHash, boolean active) implements Lockable {
    }

    record Profile(UUID id, String loginId, String displayName, String email, Role role, Instant lastLoginAt,
                   UUID companyId, String companyCode, String companyName) {
    }
}
