package jp.btob.platform.company;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.api.model.UserStatus;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Companies and their users. Every query names the company it reads. */
@Repository
public class CompanyRepository {

    private final DatabaseClient db;

    CompanyRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The company, if the viewer may see it: the viewer's own company, or one connected to it
     * in any state, so that a suspended partner's name still shows on old documents.
     */
    Mono<CompanyRow> findVisible(UUID companyId, UUID viewerCompanyId) {
        return db.sql("""
                        SELECT c.* FROM company c
                        WHERE c.id = :id AND (c.id = :viewer OR EXISTS (
                            SELECT 1 FROM partner_connection p
                            WHERE p.status <> 'INVITED' AND (
                                (p.inviter_id = :viewer AND p.invitee_id = c.id)
                                OR (p.invitee_id = :viewer AND p.inviter_id = c.id))))
                        """)
                .bind("id", companyId)
                .bind("viewer", viewerCompanyId)
                .map((row, meta) -> new CompanyRow(
                        row.get("id", UUID.class),
                        row.get("code", String.class),
                        row.get("name", String.class),
                        row.get("name_kana", String.class),
                        row.get("registration_number", String.class),
                        row.get("address", String.class),
                        row.get("created_at", Instant.class),
                        row.get("updated_at", Instant.class)))
                .one();
    }

    public Mono<CompanyRef> findByCode(String code) {
        return db.sql("SELECT id, code, name FROM company WHERE code = :code")
                .bind("code", code)
                .map((row, meta) -> new CompanyRef(row.get("id", UUID.class), row.get("code", String.class),
                        row.get("name", String.class)))
                .one();
    }

    /** Those of these companies that exist. */
    public Flux<CompanyRef> findRefs(Collection<UUID> ids) {
        return db.sql("SELECT id, code, name FROM company WHERE id = ANY(:ids) ORDER BY id")
                .bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> new CompanyRef(row.get("id", UUID.class), row.get("code", String.class),
                        row.get("name", String.class)))
                .all();
    }

    /** The e-mail addresses of the active administrators of each of these companies; a company with none is absent. */
    public Mono<Map<UUID, List<String>>> activeAdminEmails(Collection<UUID> companyIds) {
        return db.sql("""
                        SELECT company_id, email FROM app_user
                        WHERE company_id = ANY(:ids) AND status = 'ACTIVE'
                          AND id IN (SELECT user_id FROM user_role WHERE role_id = :adminRole)
                        ORDER BY company_id, email
                        """)
                .bind("ids", companyIds.toArray(UUID[]::new))
                .bind("adminRole", BuiltInRole.COMPANY_ADMIN.id())
                .map((row, meta) -> Map.entry(row.get("company_id", UUID.class), row.get("email", String.class)))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** The e-mail addresses of the company's active administrators, who receive its security alerts. */
    public Flux<String> activeAdminEmails(UUID companyId) {
        return db.sql("""
                        SELECT email FROM app_user
                        WHERE company_id = :company AND status = 'ACTIVE'
                          AND id IN (SELECT user_id FROM user_role WHERE role_id = :adminRole)
                        ORDER BY created_at, id
                        """)
                .bind("company", companyId)
                .bind("adminRole", BuiltInRole.COMPANY_ADMIN.id())
                .map((row, meta) -> row.get("email", String.class))
                .all();
    }

    Flux<UserRow> listUsers(UUID companyId, PageCursor after, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT id, login_id, display_name, email, status, last_login_at, created_at
                        FROM app_user
                        WHERE company_id = :company
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) > (:afterAt, :afterId))
                        ORDER BY created_at, id
                        LIMIT :limit
                        """)
                .bind("company", companyId)
                .bind("limit", Pages.fetchSize(limit));
        spec = after == null
                ? spec.bindNull("afterAt", Instant.class).bindNull("afterId", UUID.class)
                : spec.bind("afterAt", after.at()).bind("afterId", after.id());
        return spec.map((row, meta) -> new UserRow(
                        row.get("id", UUID.class),
                        row.get("login_id", String.class),
                        row.get("display_name", String.class),
                        row.get("email", String.class),
                        UserStatus.fromValue(row.get("status", String.class)),
                        row.get("last_login_at", Instant.class),
                        row.get("created_at", Instant.class)))
                .all();
    }

    record CompanyRow(UUID id, String code, String name, String nameKana, String registrationNumber,
                      String address, Instant createdAt, Instant updatedAt) {
    }

    /** Just enough of a company to name it to another. */
    public record CompanyRef(UUID id, String code, String name) {
    }

    record UserRow(UUID id, String loginId, String displayName, String email, UserStatus status,
                   Instant lastLoginAt, Instant createdAt) {
    }
}
