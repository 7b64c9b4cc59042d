package jp.btob.platform.admin;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The users of a company, their roles and personal permissions, as administrators change them. Every query names the company. */
@Repository
class ManagedUserRepository {

    private static final String SELECT = """
            SELECT u.id, u.login_id, u.display_name, u.email, u.status, u.password_reset_required, u.last_login_at,
                   u.created_at, u.updated_at,
                   ARRAY(SELECT ur.role_id FROM user_role ur WHERE ur.user_id = u.id) AS role_ids,
                   ARRAY(SELECT r.builtin_key FROM user_role ur JOIN company_role r ON r.id = ur.role_id
                         WHERE ur.user_id = u.id AND r.builtin_key IS NOT NULL) AS builtin_roles,
                   ARRAY(SELECT p FROM user_role ur JOIN company_role r ON r.id = ur.role_id, unnest(r.permissions) p
                         WHERE ur.user_id = u.id) AS role_permissions,
                   ARRAY(SELECT permission FROM user_permission WHERE user_id = u.id AND effect = 'GRANT'
                         ORDER BY permission) AS grants,
                   ARRAY(SELECT permission FROM user_permission WHERE user_id = u.id AND effect = 'DENY'
                         ORDER BY permission) AS denials
            FROM app_user u
            WHERE u.company_id = :company
            """;

    private final DatabaseClient db;

    ManagedUserRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<ManagedUserRow> find(UUID companyId, UUID userId) {
        return db.sql(SELECT + " AND u.id = :id")
                .bind("company", companyId)
                .bind("id", userId)
                .map(ManagedUserRepository::row)
                .one();
    }

    /** A page in creation order; deleted users only when {@code status} asks for them. */
    Flux<ManagedUserRow> list(UUID companyId, String status, UUID roleId, PageCursor after, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(SELECT + """
                          AND (CASE WHEN CAST(:status AS text) IS NULL THEN u.status <> 'DELETED' ELSE u.status = :status END)
                          AND (CAST(:role AS uuid) IS NULL
                               OR EXISTS (SELECT 1 FROM user_role ur WHERE ur.user_id = u.id AND ur.role_id = :role))
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (u.created_at, u.id) > (:afterAt, :afterId))
                        ORDER BY u.created_at, u.id
                        LIMIT :limit
                        """)
                .bind("company", companyId)
                .bind("status", Parameter.fromOrEmpty(status, String.class))
                .bind("role", Parameter.fromOrEmpty(roleId, UUID.class))
                .bind("limit", Pages.fetchSize(limit));
        spec = after == null
                ? spec.bindNull("afterAt", Instant.class).bindNull("afterId", UUID.class)
                : spec.bind("afterAt", after.at()).bind("afterId", after.id());
        return spec.map(ManagedUserRepository::row).all();
    }

    /**
     * Inserts the user unless the login ID is taken on the platform, whatever its case; answers
     * the new user's ID, which PostgreSQL draws, or nothing when the login ID is taken.
     */
    Mono<UUID> insert(UUID companyId, String loginId, String displayName, String email, String passwordHash, Instant now) {
        return db.sql("""
                        INSERT INTO app_user (id, company_id, login_id, display_name, email, status, password_hash,
                                              password_changed_at, password_reset_required, created_at, updated_at)
                        VALUES (gen_random_uuid(), :company, :login, :name, :email, 'ACTIVE', :hash, :now, true, :now, :now)
                        ON CONFLICT ((lower(login_id))) DO NOTHING
                        RETURNING id
                        """)
                .bind("company", companyId)
                .bind("login", loginId)
                .bind("name", displayName)
                .bind("email", email)
                .bind("hash", passwordHash)
                .bind("now", now)
                .map((row, meta) -> row.get("id", UUID.class))
                .one();
    }

    Mono<Void> updateProfile(UUID userId, String displayName, String email, Instant now) {
        return db.sql("UPDATE app_user SET display_name = :name, email = :email, updated_at = :now WHERE id = :id")
                .bind("id", userId)
                .bind("name", displayName)
                .bind("email", email)
                .bind("now", now)
                .then();
    }

    /** Makes the user hold exactly these roles. */
    Mono<Void> replaceRoles(UUID userId, Set<UUID> roleIds) {
        UUID[] ids = roleIds.toArray(UUID[]::new);
        return db.sql("DELETE FROM user_role WHERE user_id = :user AND NOT (role_id = ANY(:roles))")
                .bind("user", userId)
                .bind("roles", ids)
                .then()
                .then(db.sql("""
                                INSERT INTO user_role (user_id, role_id) SELECT :user, unnest(CAST(:roles AS uuid[]))
                                ON CONFLICT DO NOTHING
                                """)
                        .bind("user", userId)
                        .bind("roles", ids)
                        .then());
    }

    /** Makes the user's personal grants and denials exactly these. */
    Mono<Void> replacePermissions(UUID userId, Set<Permission> grants, Set<Permission> denials) {
        return db.sql("DELETE FROM user_permission WHERE user_id = :user")
                .bind("user", userId)
                .then()
                .then(db.sql("""
                                INSERT INTO user_permission (user_id, permission, effect)
                                SELECT :user, g, 'GRANT' FROM unnest(CAST(:grants AS text[])) g
                                UNION ALL
                                SELECT :user, d, 'DENY' FROM unnest(CAST(:denials AS text[])) d
                                """)
                        .bind("user", userId)
                        .bind("grants", names(grants))
                        .bind("denials", names(denials))
                        .then());
    }

    /** Moves the user from {@code from} to {@code to}; a deleted user is stamped as such. */
    Mono<Void> setStatus(UUID userId, String to, Instant now) {
        return db.sql("""
                        UPDATE app_user SET status = :to, updated_at = :now,
                                            deleted_at = CASE WHEN :to = 'DELETED' THEN CAST(:now AS timestamptz) END
                        WHERE id = :id AND status <> 'DELETED'
                        """)
                .bind("id", userId)
                .bind("to", to)
                .bind("now", now)
                .then();
    }

    /**
     * Sets a password the administrator chose for the user, which the next login must change;
     * the one it replaces goes into the history, so the user cannot return to it.
     */
    Mono<Void> setTemporaryPassword(UUID userId, String hash, Instant now) {
        return db.sql("""
                        WITH old AS (SELECT id, password_hash FROM app_user WHERE id = :id),
                             changed AS (
                                 UPDATE app_user SET password_hash = :hash, password_changed_at = :now, updated_at = :now,
                                                     password_reset_required = true
                                 WHERE id = :id RETURNING id)
                        INSERT INTO password_history (user_id, password_hash, retired_at)
                        SELECT old.id, old.password_hash, :now FROM old JOIN changed ON changed.id = old.id
                        """)
                .bind("id", userId)
                .bind("hash", hash)
                .bind("now", now)
                .then();
    }

    /** How many active holders of the company administrator role the company has besides this user. */
    Mono<Long> otherActiveAdministrators(UUID companyId, UUID userId) {
        return db.sql("""
                        SELECT count(*) AS admins FROM app_user u JOIN user_role ur ON ur.user_id = u.id
                        WHERE u.company_id = :company AND u.status = 'ACTIVE' AND ur.role_id = :admin AND u.id <> :user
                        """)
                .bind("company", companyId)
                .bind("admin", BuiltInRole.COMPANY_ADMIN.id())
                .bind("user", userId)
                .map((row, meta) -> row.get("admins", Long.class))
                .one();
    }

    private static String[] names(Set<Permission> permissions) {
        return permissions.stream().map(Permission::getValue).sorted().toArray(String[]::new);
    }

    private static ManagedUserRow row(Row row, RowMetadata meta) {
        UUID[] roleIds = row.get("role_ids", UUID[].class);
        return new ManagedUserRow(row.get("id", UUID.class), row.get("login_id", String.class),
                row.get("display_name", String.class), row.get("email", String.class), row.get("status", String.class),
                Boolean.TRUE.equals(row.get("password_reset_required", Boolean.class)),
                row.get("last_login_at", Instant.class), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class),
                roleIds == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(roleIds)),
                strings(row, "builtin_roles"), strings(row, "role_permissions"), strings(row, "grants"),
                strings(row, "denials"));
    }

    private static List<String> strings(Row row, String column) {
        String[] values = row.get(column, String[].class);
        return values == null ? List.of() : Arrays.asList(values);
    }
}
