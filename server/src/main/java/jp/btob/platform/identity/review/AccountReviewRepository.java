package jp.btob.platform.identity.review;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** Reads every account of one company, or of all, with its second factor, lock and live sessions at one instant. */
@Repository
class AccountReviewRepository {

    private static final String SELECT = """
            SELECT u.id, u.company_id, c.code, u.login_id, u.display_name, u.email, u.status,
                   ARRAY(SELECT coalesce(r.builtin_key, r.name) FROM user_role ur JOIN company_role r ON r.id = ur.role_id
                          WHERE ur.user_id = u.id ORDER BY 1) AS roles,
                   ARRAY(SELECT permission FROM user_permission WHERE user_id = u.id AND effect = 'GRANT'
                          ORDER BY 1) AS grants,
                   ARRAY(SELECT permission FROM user_permission WHERE user_id = u.id AND effect = 'DENY'
                          ORDER BY 1) AS denials,
                   u.created_at, u.last_login_at, u.password_changed_at, m.channel,
                   coalesce(m.totp_confirmed, false) AS totp_confirmed, l.locked_until,
                   (SELECT count(*) FROM user_session s
                     WHERE s.user_id = u.id AND s.ended_at IS NULL AND s.expires_at > :now) AS live_sessions
              FROM app_user u
              JOIN company c ON c.id = u.company_id
              LEFT JOIN user_mfa m ON m.user_id = u.id
              LEFT JOIN login_lockout l ON l.user_id = u.id AND l.locked_until > :now
            """;

    private final DatabaseClient db;

    AccountReviewRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<AccountRow> ofCompany(UUID companyId, Instant now) {
        return db.sql(SELECT + " WHERE u.company_id = :company ORDER BY u.login_id, u.id")
                .bind("company", companyId).bind("now", now)
                .map(AccountReviewRepository::row)
                .all();
    }

    Flux<AccountRow> ofPlatform(Instant now) {
        return db.sql(SELECT + " ORDER BY c.code, u.login_id, u.id")
                .bind("now", now)
                .map(AccountReviewRepository::row)
                .all();
    }

    private static AccountRow row(Readable row) {
        Long live = row.get("live_sessions", Long.class);
        return new AccountRow(row.get("id", UUID.class), row.get("company_id", UUID.class),
                row.get("code", String.class), row.get("login_id", String.class),
                row.get("display_name", String.class), row.get("email", String.class), strings(row, "roles"), strings(row, "grants"), strings(row, "denials"),
                row.get("status", String.class), row.get("created_at", Instant.class),
                row.get("last_login_at", Instant.class), row.get("password_changed_at", Instant.class),
                row.get("channel", String.class), Boolean.TRUE.equals(row.get("totp_confirmed", Boolean.class)),
                row.get("locked_until", Instant.class), live == null ? 0 : live);
    }

    private static List<String> strings(Readable row, String column) {
        String[] values = row.get(column, String[].class);
        return values == null ? List.of() : Arrays.asList(values);
    }
}
