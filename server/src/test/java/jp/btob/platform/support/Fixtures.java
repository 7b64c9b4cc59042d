package jp.btob.platform.support;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.demo.DemoData;
import jp.btob.platform.identity.PasswordHasher;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Sets up what the API cannot create yet: further companies, users and operators. Each call makes new
 * rows with unique codes, so tests never depend on one another's data.
 */
@TestComponent
public class Fixtures {

    private final DatabaseClient db;

    private final PasswordHasher hasher;

    private final String passwordHash;

    Fixtures(DatabaseClient db, PasswordHasher hasher) {
        this.db = db;
        this.hasher = hasher;
        this.passwordHash = hasher.hash(DemoData.PASSWORD).block();
    }

    /** A new company with an administrator and a staff user, all with the demo password. */
    public TestCompany company(String name) {
        UUID id = UUID.randomUUID();
        String code = code();
        Instant now = Instant.now();
        db.sql("""
                        INSERT INTO company (id, code, name, created_at, updated_at)
                        VALUES (:id, :code, :name, :now, :now)
                        """)
                .bind("id", id).bind("code", code).bind("name", name).bind("now", now)
                .fetch().rowsUpdated().block();
        String admin = user(id, "ADMIN");
        String staff = user(id, "STAFF");
        return new TestCompany(id, code, name, admin, staff);
    }

    /**
     * A further user of a company with a built-in role: {@code ADMIN} (the company administrator),
     * {@code STAFF} or {@code VIEWER}; answers the login ID.
     */
    public String user(UUID companyId, String role) {
        String loginId = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        insertUser(companyId, role, loginId, passwordHash);
        return loginId;
    }

    /**
     * A user with this login ID and password, which need not keep any policy, as if set before
     * the policy was; answers the login ID.
     */
    public String user(UUID companyId, String role, String loginId, String password) {
        insertUser(companyId, role, loginId, hasher.hash(password).block());
        return loginId;
    }

    /**
     * A user holding no role, with these personal grants and denials (permission names); answers
     * the login ID.
     */
    public String userWith(UUID companyId, Collection<String> grants, Collection<String> denials) {
        String loginId = "perm-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = insertUser(companyId, null, loginId, passwordHash);
        grants.forEach(permission -> permission(id, permission, "GRANT"));
        denials.forEach(permission -> permission(id, permission, "DENY"));
        return loginId;
    }

    /** Gives an existing user a role, by its ID ({@link BuiltInRole#id()} for a built-in one). */
    public void grantRole(String loginId, UUID roleId) {
        db.sql("INSERT INTO user_role (user_id, role_id) SELECT id, :role FROM app_user WHERE login_id = :login")
                .bind("role", roleId).bind("login", loginId)
                .fetch().rowsUpdated().block();
    }

    private void permission(UUID userId, String permission, String effect) {
        db.sql("INSERT INTO user_permission (user_id, permission, effect) VALUES (:user, :permission, :effect)")
                .bind("user", userId).bind("permission", permission).bind("effect", effect)
                .fetch().rowsUpdated().block();
    }

    private UUID insertUser(UUID companyId, String role, String loginId, String hash) {
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        db.sql("""
                        INSERT INTO app_user (id, company_id, login_id, display_name, email, status,
                                              password_hash, password_changed_at, created_at, updated_at)
                        VALUES (:id, :company, :login, :name, :email, 'ACTIVE', :hash, :now, :now, :now)
                        """)
                .bind("id", id).bind("company", companyId).bind("login", loginId)
                .bind("name", "テスト " + loginId).bind("email", loginId + "@test.example")
                .bind("hash", hash).bind("now", now)
                .fetch().rowsUpdated().block();
        if (role != null) {
            grantRole(loginId, builtIn(role).id());
        }
        return id;
    }

    private static BuiltInRole builtIn(String role) {
        return switch (role) {
            case "ADMIN" -> BuiltInRole.COMPANY_ADMIN;
            case "STAFF" -> BuiltInRole.STAFF;
            case "VIEWER" -> BuiltInRole.VIEWER;
            default -> throw new IllegalArgumentException("No built-in role " + role);
        };
    }

    /** A new platform operator with the demo password; answers the login ID. */
    public String operator() {
        String loginId = "operator-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        db.sql("""
                        INSERT INTO operator_account (id, login_id, display_name, email, status, password_hash,
                                                      password_changed_at, created_at, updated_at)
                        VALUES (:id, :login, :name, :email, 'ACTIVE', :hash, :now, :now, :now)
                        """)
                .bind("id", UUID.randomUUID()).bind("login", loginId).bind("name", "運用 " + loginId)
                .bind("email", loginId + "@platform.example").bind("hash", passwordHash).bind("now", now)
                .fetch().rowsUpdated().block();
        return loginId;
    }

    public void disableOperator(String loginId) {
        db.sql("UPDATE operator_account SET status = 'DISABLED' WHERE login_id = :login")
                .bind("login", loginId).fetch().rowsUpdated().block();
    }

    public void disableUser(String loginId) {
        db.sql("UPDATE app_user SET status = 'DISABLED' WHERE login_id = :login")
                .bind("login", loginId).fetch().rowsUpdated().block();
    }

    private static String code() {
        String letters = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            code.append(i == 4 ? '-' : letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
        }
        return code.toString();
    }

    public record TestCompany(UUID id, String code, String name, String adminLoginId, String staffLoginId) {
    }
}
