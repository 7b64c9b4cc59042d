package jp.btob.platform.company.management;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Row;
import jp.btob.platform.api.model.CompanyStatus;
import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Companies as the operators manage them: their metadata and counts, never their documents. */
@Repository
class ManagedCompanyRepository {

    /** The counts come from indexed lookups per company; nothing of a document is read. */
    private static final String SELECT = """
            SELECT c.id, c.code, c.name, c.name_kana, c.registration_number, c.status, c.suspended_at,
                   c.suspension_reason, c.created_at, c.updated_at,
                   (SELECT count(*) FROM app_user u WHERE u.company_id = c.id) AS users,
                   (SELECT count(*) FROM app_user u WHERE u.company_id = c.id AND u.status = 'ACTIVE') AS active_users,
                   (SELECT count(*) FROM user_session s
                    WHERE s.company_id = c.id AND s.ended_at IS NULL AND s.expires_at > :now) AS live_sessions,
                   (SELECT count(*) FROM partner_connection p
                    WHERE p.inviter_id = c.id OR p.invitee_id = c.id) AS partners
            FROM company c
            """;

    private final DatabaseClient db;

    ManagedCompanyRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<ManagedCompany> find(UUID companyId, Instant now) {
        return db.sql(SELECT + " WHERE c.id = :id")
                .bind("id", companyId)
                .bind("now", now)
                .map((row, meta) -> company(row))
                .one();
    }

    /** Oldest first; {@code name} matches a part of the name or its kana, whatever the case, as plain text. */
    Flux<ManagedCompany> list(CompanyStatus status, String name, PageCursor after, int limit, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(SELECT + """
                         WHERE (CAST(:status AS text) IS NULL OR c.status = :status)
                          AND (CAST(:pattern AS text) IS NULL OR c.name ILIKE :pattern ESCAPE '\\'
                               OR c.name_kana ILIKE :pattern ESCAPE '\\')
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (c.created_at, c.id) > (:afterAt, :afterId))
                        ORDER BY c.created_at, c.id
                        LIMIT :limit
                        """)
                .bind("now", now)
                .bind("limit", Pages.fetchSize(limit));
        spec = status == null ? spec.bindNull("status", String.class) : spec.bind("status", status.getValue());
        spec = name == null ? spec.bindNull("pattern", String.class) : spec.bind("pattern", "%" + literal(name) + "%");
        spec = after == null
                ? spec.bindNull("afterAt", Instant.class).bindNull("afterId", UUID.class)
                : spec.bind("afterAt", after.at()).bind("afterId", after.id());
        return spec.map((row, meta) -> company(row)).all();
    }

    Mono<Void> insertCompany(UUID id, String code, String name, String nameKana, String registrationNumber, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO company (id, code, name, name_kana, registration_number, status, created_at, updated_at)
                        VALUES (:id, :code, :name, :kana, :registration, 'ACTIVE', :now, :now)
                        """)
                .bind("id", id).bind("code", code).bind("name", name).bind("now", now);
        spec = nameKana == null ? spec.bindNull("kana", String.class) : spec.bind("kana", nameKana);
        spec = registrationNumber == null ? spec.bindNull("registration", String.class)
                : spec.bind("registration", registrationNumber);
        return spec.fetch().rowsUpdated().then();
    }

    /** The first administrator, with the built-in administrator role and a password to change at the first login. */
    Mono<Void> insertAdministrator(UUID id, UUID companyId, String loginId, String displayName, String email,
                                   String passwordHash, Instant now) {
        return db.sql("""
                        WITH u AS (
                            INSERT INTO app_user (id, company_id, login_id, display_name, email, status, password_hash,
                                                  password_changed_at, password_reset_required, created_at, updated_at)
                            VALUES (:id, :company, :login, :name, :email, 'ACTIVE', :hash, :now, true, :now, :now)
                            RETURNING id)
                        INSERT INTO user_role (user_id, role_id) SELECT id, :role FROM u
                        """)
                .bind("id", id).bind("company", companyId).bind("login", loginId).bind("name", displayName)
                .bind("email", email).bind("hash", passwordHash).bind("now", now)
                .bind("role", BuiltInRole.COMPANY_ADMIN.id())
                .fetch().rowsUpdated().then();
    }

    /**
     * Applies the transition if the company is in its starting state, in one statement; answers
     * whether it did. The row's lock orders a suspension against a concurrent one.
     */
    Mono<Boolean> transition(UUID companyId, CompanyTransition transition, String reason, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE company SET status = :to, updated_at = :now,
                            suspended_at = CASE WHEN :to = 'SUSPENDED' THEN :now END,
                            suspension_reason = :reason
                        WHERE id = :id AND status = :from
                        """)
                .bind("to", transition.to().getValue()).bind("from", transition.from().getValue())
                .bind("now", now).bind("id", companyId);
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        return spec.fetch().rowsUpdated().map(updated -> updated == 1);
    }

    /** Ends every live session of the company's users; answers how many. */
    Mono<Long> endSessions(UUID companyId, Instant now) {
        return db.sql("""
                        UPDATE user_session SET ended_at = :now, end_reason = 'COMPANY_SUSPENDED'
                        WHERE company_id = :company AND ended_at IS NULL
                        """)
                .bind("company", companyId).bind("now", now)
                .fetch().rowsUpdated();
    }

    /** Whether a company with this ID exists, for telling a wrong state from a missing company. */
    Mono<Boolean> exists(UUID companyId) {
        return db.sql("SELECT 1 FROM company WHERE id = :id").bind("id", companyId)
                .map((row, meta) -> true).one().defaultIfEmpty(false);
    }

    private static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static ManagedCompany company(Row row) {
        return new ManagedCompany(
                row.get("id", UUID.class),
                row.get("code", String.class),
                row.get("name", String.class),
                row.get("name_kana", String.class),
                row.get("registration_number", String.class),
                CompanyStatus.fromValue(row.get("status", String.class)),
                row.get("suspended_at", Instant.class),
                row.get("suspension_reason", String.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class),
                row.get("users", Long.class).intValue(),
                row.get("active_users", Long.class).intValue(),
                row.get("live_sessions", Long.class).intValue(),
                row.get("partners", Long.class).intValue());
    }

    record ManagedCompany(UUID id, String code, String name, String nameKana, String registrationNumber,
                          CompanyStatus status, Instant suspendedAt, String suspensionReason, Instant createdAt,
                          Instant updatedAt, int users, int activeUsers, int liveSessions, int partners) {
    }
}
