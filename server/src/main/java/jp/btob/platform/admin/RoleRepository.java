package jp.btob.platform.admin;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.Row;
import jp.btob.platform.api.model.Permission;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The roles a company sees: the built-in ones and its own. Every query names the company. */
@Repository
class RoleRepository {

    private static final String SELECT = """
            SELECT r.id, r.builtin_key, r.name, r.description, r.permissions, r.created_at, r.updated_at,
                   (SELECT count(*) FROM user_role ur JOIN app_user u ON u.id = ur.user_id
                    WHERE ur.role_id = r.id AND u.company_id = :company AND u.status <> 'DELETED') AS holders
            FROM company_role r
            WHERE (r.company_id IS NULL OR r.company_id = :company)
            """;

    private final DatabaseClient db;

    RoleRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Built-in roles first, then custom ones by name. */
    Flux<RoleRow> list(UUID companyId) {
        return db.sql(SELECT + " ORDER BY r.builtin_key IS NULL, r.builtin_key, lower(r.name), r.id")
                .bind("company", companyId)
                .map(RoleRepository::row)
                .all();
    }

    Mono<RoleRow> find(UUID companyId, UUID roleId) {
        return db.sql(SELECT + " AND r.id = :id")
                .bind("company", companyId)
                .bind("id", roleId)
                .map(RoleRepository::row)
                .one();
    }

    /** Those of these roles the company sees. */
    Flux<RoleRow> findAll(UUID companyId, Collection<UUID> roleIds) {
        if (roleIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(SELECT + " AND r.id = ANY(:ids)")
                .bind("company", companyId)
                .bind("ids", roleIds.toArray(UUID[]::new))
                .map(RoleRepository::row)
                .all();
    }

    /** Whether another custom role of the company has this name, whatever its case. */
    Mono<Boolean> nameTaken(UUID companyId, String name, UUID except) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM company_role
                                       WHERE company_id = :company AND lower(name) = lower(:name)
                                         AND (CAST(:except AS uuid) IS NULL OR id <> :except)) AS taken
                        """)
                .bind("company", companyId)
                .bind("name", name)
                .bind("except", Parameter.fromOrEmpty(except, UUID.class))
                .map((row, meta) -> Boolean.TRUE.equals(row.get("taken", Boolean.class)))
                .one();
    }

    /** Inserts a custom role; answers its ID, which PostgreSQL draws. */
    Mono<UUID> insert(UUID companyId, String name, String description, Set<Permission> permissions, Instant now) {
        return db.sql("""
                        INSERT INTO company_role (id, company_id, name, description, permissions, created_at, updated_at)
                        VALUES (gen_random_uuid(), :company, :name, :description, :permissions, :now, :now)
                        RETURNING id
                        """)
                .bind("company", companyId)
                .bind("name", name)
                .bind("description", Parameter.fromOrEmpty(description, String.class))
                .bind("permissions", names(permissions))
                .bind("now", now)
                .map((row, meta) -> row.get("id", UUID.class))
                .one();
    }

    /** Changes a custom role of the company; built-in roles are never changed. */
    Mono<Void> update(UUID companyId, UUID roleId, String name, String description, Set<Permission> permissions,
                      Instant now) {
        return db.sql("""
                        UPDATE company_role SET name = :name, description = :description, permissions = :permissions,
                                                updated_at = :now
                        WHERE id = :id AND company_id = :company
                        """)
                .bind("id", roleId)
                .bind("company", companyId)
                .bind("name", name)
                .bind("description", Parameter.fromOrEmpty(description, String.class))
                .bind("permissions", names(permissions))
                .bind("now", now)
                .then();
    }

    /** The company's users, deleted ones left out, who hold the role. */
    Flux<UUID> holders(UUID companyId, UUID roleId) {
        return db.sql("""
                        SELECT ur.user_id FROM user_role ur JOIN app_user u ON u.id = ur.user_id
                        WHERE ur.role_id = :role AND u.company_id = :company AND u.status <> 'DELETED'
                        ORDER BY ur.user_id
                        """)
                .bind("role", roleId)
                .bind("company", companyId)
                .map((row, meta) -> row.get("user_id", UUID.class))
                .all();
    }

    /** Deletes a custom role of the company, and the hold deleted users still had on it. */
    Mono<Void> delete(UUID companyId, UUID roleId) {
        return db.sql("""
                        DELETE FROM user_role WHERE role_id = :id
                          AND EXISTS (SELECT 1 FROM company_role WHERE id = :id AND company_id = :company)
                        """)
                .bind("id", roleId)
                .bind("company", companyId)
                .then()
                .then(db.sql("DELETE FROM company_role WHERE id = :id AND company_id = :company")
                        .bind("id", roleId)
                        .bind("company", companyId)
                        .then());
    }

    private static String[] names(Set<Permission> permissions) {
        return permissions.stream().map(Permission::getValue).sorted().toArray(String[]::new);
    }

    private static RoleRow row(Row row, io.r2dbc.spi.RowMetadata meta) {
        String[] permissions = row.get("permissions", String[].class);
        Long holders = row.get("holders", Long.class);
        return new RoleRow(row.get("id", UUID.class), row.get("builtin_key", String.class),
                row.get("name", String.class), row.get("description", String.class),
                permissions == null ? List.of() : Arrays.asList(permissions),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class),
                holders == null ? 0 : holders.intValue());
    }
}
