package jp.btob.platform.identity.theme;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.LoginTheme;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The themes users chose. */
@Repository
class ThemeRepository {

    private final DatabaseClient db;

    ThemeRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The theme chosen by the user with this login ID; empty alike for no such user and no choice. */
    Mono<LoginTheme> chosenFor(String loginId) {
        return db.sql("""
                        SELECT t.colour, t.pattern FROM app_user u JOIN user_login_theme t ON t.user_id = u.id
                        WHERE lower(u.login_id) = lower(:loginId)
                        """)
                .bind("loginId", loginId)
                .map((row, meta) -> theme(row.get("colour", String.class), row.get("pattern", String.class)))
                .one();
    }

    Mono<String> loginId(UUID userId) {
        return db.sql("SELECT login_id FROM app_user WHERE id = :id")
                .bind("id", userId)
                .map((row, meta) -> row.get("login_id", String.class))
                .one();
    }

    /** Answers the theme the user had before, if any. */
    Mono<LoginTheme> previous(UUID userId) {
        return db.sql("SELECT colour, pattern FROM user_login_theme WHERE user_id = :id")
                .bind("id", userId)
                .map((row, meta) -> theme(row.get("colour", String.class), row.get("pattern", String.class)))
                .one();
    }

    Mono<Void> save(UUID userId, LoginTheme theme, Instant now) {
        return db.sql("""
                        INSERT INTO user_login_theme (user_id, colour, pattern, updated_at) VALUES (:id, :colour, :pattern, :now)
                        ON CONFLICT (user_id) DO UPDATE SET colour = excluded.colour, pattern = excluded.pattern,
                            updated_at = excluded.updated_at
                        """)
                .bind("id", userId).bind("colour", theme.getColour().getValue()).bind("pattern", theme.getPattern().getValue())
                .bind("now", now)
                .fetch().rowsUpdated().then();
    }

    private static LoginTheme theme(String colour, String pattern) {
        return new LoginTheme(LoginTheme.ColourEnum.fromValue(colour), LoginTheme.PatternEnum.fromValue(pattern));
    }
}
