package jp.btob.platform.permission;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.RoleSummary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The roles users hold, as the API shows them: built-in roles first, then custom ones by name. */
@Component
public class UserRoles {

    private final DatabaseClient db;

    UserRoles(DatabaseClient db) {
        this.db = db;
    }

    /** The roles of each of these users, in one query; a user without roles maps to an empty list. */
    public Mono<Map<UUID, List<RoleSummary>>> of(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        SELECT ur.user_id, r.id, r.builtin_key, r.name
                        FROM user_role ur JOIN company_role r ON r.id = ur.role_id
                        WHERE ur.user_id = ANY(:users)
                        ORDER BY r.builtin_key IS NULL, r.builtin_key, lower(r.name), r.id
                        """)
                .bind("users", userIds.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("user_id", UUID.class), summary(row.get("id", UUID.class),
                        row.get("builtin_key", String.class), row.get("name", String.class))))
                .all()
                .collectList()
                .map(rows -> {
                    Map<UUID, List<RoleSummary>> roles = new HashMap<>();
                    userIds.forEach(user -> roles.put(user, new ArrayList<>()));
                    rows.forEach(row -> roles.get(row.getKey()).add(row.getValue()));
                    return roles;
                });
    }

    /** The roles of one user. */
    public Mono<List<RoleSummary>> of(UUID userId) {
        return of(List.of(userId)).map(roles -> roles.get(userId));
    }

    /** A role as the API shows it. */
    public static RoleSummary summary(UUID id, String builtInKey, String name) {
        RoleSummary summary = new RoleSummary(id, name, builtInKey != null);
        if (builtInKey != null) {
            summary.key(RoleSummary.KeyEnum.fromValue(builtInKey));
        }
        return summary;
    }
}
