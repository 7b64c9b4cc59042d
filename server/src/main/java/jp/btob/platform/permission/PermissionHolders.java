package jp.btob.platform.permission;

import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.Permission;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Who in a company holds a permission, for notices meant for the people who handle a function
 * (a contract's expiry to those who may write contracts): active users of an active company whose
 * effective permissions ({@link Permissions#effective}) include it.
 */
@Component
public class PermissionHolders {

    private final DatabaseClient db;

    PermissionHolders(DatabaseClient db) {
        this.db = db;
    }

    /** The e-mail addresses of the company's active users who hold the permission, oldest user first. */
    public Flux<String> emails(UUID companyId, Permission permission) {
        return db.sql("""
                        SELECT u.email, %s
                        FROM app_user u JOIN company c ON c.id = u.company_id
                        WHERE u.company_id = :company AND u.status = 'ACTIVE' AND c.status = 'ACTIVE'
                        ORDER BY u.created_at, u.id
                        """.formatted(Permissions.effectiveColumns("u.id")))
                .bind("company", companyId)
                .map((row, meta) -> Map.entry(row.get("email", String.class), Permissions.effective(row)))
                .all()
                .filter(user -> user.getValue().contains(permission))
                .map(Map.Entry::getKey);
    }
}
