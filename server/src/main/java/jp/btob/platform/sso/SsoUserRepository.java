package jp.btob.platform.sso;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.api.model.Permission;
import jp.btob.platform.permission.Permissions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Users as single sign-on finds and provisions them. */
@Repository
class SsoUserRepository {

    private final DatabaseClient db;

    SsoUserRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The account with this login ID, in any company and any state: the caller decides. */
    Mono<Account> find(String loginId) {
        return db.sql("""
                        SELECT u.id, u.company_id, u.status, c.status AS company_status
                        FROM app_user u JOIN company c ON c.id = u.company_id WHERE lower(u.login_id) = lower(:loginId)
                        """)
                .bind("loginId", loginId)
                .map((row, meta) -> new Account(row.get("id", UUID.class), row.get("company_id", UUID.class),
                        "ACTIVE".equals(row.get("status", String.class)),
                        "SUSPENDED".equals(row.get("company_status", String.class))))
                .one();
    }

    /**
     * A new active user of the company with the role, unless the login ID exists anywhere on the
     * platform, in whatever case (the unique index decides a race); answers the new user's ID.
     */
    Mono<UUID> provision(UUID companyId, String loginId, String displayName, String email, String passwordHash,
                         UUID roleId, Instant now) {
        return db.sql("""
                        WITH u AS (
                            INSERT INTO app_user (id, company_id, login_id, display_name, email, status, password_hash,
                                                  password_changed_at, created_at, updated_at)
                            VALUES (gen_random_uuid(), :company, :login, :name, :email, 'ACTIVE', :hash, :now, :now, :now)
                            ON CONFLICT ((lower(login_id))) DO NOTHING
                            RETURNING id)
                        INSERT INTO user_role (user_id, role_id) SELECT id, :role FROM u
                        RETURNING user_id
                        """)
                .bind("company", companyId)
                .bind("login", loginId)
                .bind("name", displayName)
                .bind("email", email)
                .bind("hash", passwordHash)
                .bind("now", now)
                .bind("role", roleId)
                .map((row, meta) -> row.get("user_id", UUID.class))
                .one();
    }

    /** The user's effective permissions, for the break-glass rule of sign-in through providers only. */
    Mono<Set<Permission>> permissions(UUID userId) {
        return db.sql("SELECT " + Permissions.effectiveColumns(":user"))
                .bind("user", userId)
                .map((row, meta) -> Permissions.effective(row))
                .one();
    }

    /** {@code active}: neither disabled nor deleted. */
    record Account(UUID userId, UUID companyId, boolean active, boolean companySuspended) {
    }
}
