package jp.btob.platform.alert;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.AuditOutcome;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A company's alert rules; every statement names the company. */
@Repository
class AlertRuleRepository {

    private final DatabaseClient db;

    AlertRuleRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the rule unless the company already has {@code max}; PostgreSQL draws the ID. */
    Mono<UUID> insert(UUID companyId, RuleFields rule, Instant now, int max) {
        return bindFields(db.sql("""
                        INSERT INTO alert_rule (id, company_id, name, action, outcome, threshold, window_seconds, enabled,
                                                created_at, updated_at)
                        SELECT gen_random_uuid(), :company, :name, :action, :outcome, :threshold, :window, :enabled, :now, :now
                        WHERE (SELECT count(*) FROM alert_rule WHERE company_id = :company) < :max
                        RETURNING id
                        """), rule)
                .bind("company", companyId).bind("now", now).bind("max", max)
                .map((row, meta) -> row.get("id", UUID.class))
                .one();
    }

    Mono<Boolean> update(UUID id, UUID companyId, RuleFields rule, Instant now) {
        return bindFields(db.sql("""
                        UPDATE alert_rule SET name = :name, action = :action, outcome = :outcome, threshold = :threshold,
                                              window_seconds = :window, enabled = :enabled, updated_at = :now
                        WHERE id = :id AND company_id = :company
                        """), rule)
                .bind("id", id).bind("company", companyId).bind("now", now)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    Mono<Boolean> delete(UUID id, UUID companyId) {
        return db.sql("DELETE FROM alert_rule WHERE id = :id AND company_id = :company")
                .bind("id", id).bind("company", companyId)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    Mono<AlertRule> find(UUID id, UUID companyId) {
        return db.sql("SELECT * FROM alert_rule WHERE id = :id AND company_id = :company")
                .bind("id", id).bind("company", companyId)
                .map((row, meta) -> map(row))
                .one();
    }

    Flux<AlertRule> list(UUID companyId, int max) {
        return db.sql("SELECT * FROM alert_rule WHERE company_id = :company ORDER BY created_at, id LIMIT :max")
                .bind("company", companyId).bind("max", max)
                .map((row, meta) -> map(row))
                .all();
    }

    private static DatabaseClient.GenericExecuteSpec bindFields(DatabaseClient.GenericExecuteSpec spec, RuleFields rule) {
        spec = spec.bind("name", rule.name()).bind("action", rule.action()).bind("threshold", rule.threshold())
                .bind("window", rule.windowSeconds()).bind("enabled", rule.enabled());
        return rule.outcome() == null ? spec.bindNull("outcome", String.class) : spec.bind("outcome", rule.outcome().getValue());
    }

    private static AlertRule map(Readable row) {
        String outcome = row.get("outcome", String.class);
        return new AlertRule(row.get("id", UUID.class), row.get("company_id", UUID.class), row.get("name", String.class),
                row.get("action", String.class), outcome == null ? null : AuditOutcome.fromValue(outcome),
                row.get("threshold", Integer.class), row.get("window_seconds", Integer.class),
                row.get("enabled", Boolean.class), row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }

    /** What an administrator sets on a rule. */
    record RuleFields(String name, String action, AuditOutcome outcome, int threshold, int windowSeconds, boolean enabled) {
    }
}
