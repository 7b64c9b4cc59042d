package jp.btob.platform.alert;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.alert.AlertProperties.PlatformRule;
import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.AuditedEvent;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Raised alerts. Raising is one statement per rule kind: it counts the chain's matching events
 * within each rule's window (an index range scan on chain, action and time) and inserts an
 * alert where the count has reached the threshold and no alert of the rule was raised on the
 * chain within the window. It runs under the chain's head lock, so of two events that cross a
 * threshold together, the second sees the first's alert.
 */
@Repository
class AlertRepository {

    private static final String RETURNING = """
            RETURNING id, company_id, rule_id, rule_name, action, outcome, event_count, window_seconds, raised_at,
                      (SELECT code FROM company WHERE id = company_id) AS company_code
            """;

    private final DatabaseClient db;

    AlertRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The alerts that the company's own enabled rules raise for this event. */
    Flux<RaisedAlert> raiseForCompanyRules(AuditedEvent event) {
        return db.sql("""
                        INSERT INTO alert (rule_key, rule_id, rule_name, company_id, chain, action, outcome, event_count,
                                           window_seconds, raised_at, visible_to_company)
                        SELECT r.id::text, r.id, r.name, :company, :chain, r.action, r.outcome, c.n, r.window_seconds,
                               :now, true
                        FROM alert_rule r
                        CROSS JOIN LATERAL (
                            SELECT count(*) AS n FROM audit_event e
                            WHERE e.chain = :chain AND e.action = r.action
                              AND (r.outcome IS NULL OR e.outcome = r.outcome)
                              AND e.occurred_at > :now - make_interval(secs => r.window_seconds)) c
                        WHERE r.company_id = :company AND r.enabled AND r.action = :action
                          AND (r.outcome IS NULL OR r.outcome = :outcome)
                          AND c.n >= r.threshold
                          AND NOT EXISTS (
                              SELECT 1 FROM alert a
                              WHERE a.rule_key = r.id::text AND a.chain = :chain
                                AND a.raised_at > :now - make_interval(secs => r.window_seconds))
                        """ + RETURNING)
                .bind("company", event.companyId())
                .bind("chain", event.chain())
                .bind("action", event.action())
                .bind("outcome", event.outcome().getValue())
                .bind("now", event.occurredAt())
                .map((row, meta) -> map(row))
                .all();
    }

    /** The alert that one of the operators' rules raises for this event, if any. */
    Mono<RaisedAlert> raiseForPlatformRule(PlatformRule rule, AuditedEvent event) {
        Instant since = event.occurredAt().minus(rule.window());
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO alert (rule_key, rule_name, company_id, chain, action, outcome, event_count,
                                           window_seconds, raised_at, visible_to_company)
                        SELECT :key, :name, :company, :chain, :action, :outcome, c.n, :window, :now, false
                        FROM (SELECT count(*) AS n FROM audit_event e
                              WHERE e.chain = :chain AND e.action = :action
                                AND (CAST(:outcome AS text) IS NULL OR e.outcome = :outcome)
                                AND e.occurred_at > :since) c
                        WHERE c.n >= :threshold
                          AND NOT EXISTS (SELECT 1 FROM alert a
                                          WHERE a.rule_key = :key AND a.chain = :chain AND a.raised_at > :since)
                        """ + RETURNING)
                .bind("key", rule.key())
                .bind("name", rule.name())
                .bind("chain", event.chain())
                .bind("action", rule.action())
                .bind("window", (int) rule.window().toSeconds())
                .bind("now", event.occurredAt())
                .bind("since", since)
                .bind("threshold", rule.threshold());
        spec = event.companyId() == null ? spec.bindNull("company", UUID.class) : spec.bind("company", event.companyId());
        spec = rule.outcome() == null ? spec.bindNull("outcome", String.class) : spec.bind("outcome", rule.outcome().getValue());
        return spec.map((row, meta) -> map(row)).one();
    }

    /** A page of the alerts of the company's own rules, newest first. */
    Flux<RaisedAlert> listForCompany(UUID companyId, PageCursor after, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT a.id, a.company_id, a.rule_id, a.rule_name, a.action, a.outcome, a.event_count,
                               a.window_seconds, a.raised_at, c.code AS company_code
                        FROM alert a JOIN company c ON c.id = a.company_id
                        WHERE a.company_id = :company AND a.visible_to_company
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (a.raised_at, a.id) < (:afterAt, :afterId))
                        ORDER BY a.raised_at DESC, a.id DESC
                        LIMIT :limit
                        """)
                .bind("company", companyId)
                .bind("limit", Pages.fetchSize(limit));
        spec = after == null
                ? spec.bindNull("afterAt", Instant.class).bindNull("afterId", UUID.class)
                : spec.bind("afterAt", after.at()).bind("afterId", after.id());
        return spec.map((row, meta) -> map(row)).all();
    }

    private static RaisedAlert map(Readable row) {
        String outcome = row.get("outcome", String.class);
        return new RaisedAlert(row.get("id", UUID.class), row.get("company_id", UUID.class),
                row.get("company_code", String.class), row.get("rule_id", UUID.class), row.get("rule_name", String.class),
                row.get("action", String.class), outcome == null ? null : AuditOutcome.fromValue(outcome),
                row.get("event_count", Integer.class),
                row.get("window_seconds", Integer.class), row.get("raised_at", Instant.class));
    }
}
