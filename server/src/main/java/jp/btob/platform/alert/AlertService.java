package jp.btob.platform.alert;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.btob.platform.alert.AlertRuleRepository.RuleFields;
import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.notify.Delivery;
import jp.btob.platform.notify.Notifications;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.UnprocessableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a company administrator does with alerts: the rules and the alerts raised. Every change
 * commits with its audit event or not at all.
 */
@Service
class AlertService {

    static final int MAX_RULES = 100;

    private final AlertRuleRepository rules;

    private final AlertRepository alerts;

    private final Notifications notifications;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    AlertService(AlertRuleRepository rules, AlertRepository alerts, Notifications notifications, AuditLog audit,
                 TransactionalOperator tx, Clock clock) {
        this.rules = rules;
        this.alerts = alerts;
        this.notifications = notifications;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Flux<AlertRule> rules(Caller user) {
        return rules.list(user.companyId(), MAX_RULES);
    }

    Mono<AlertRule> rule(Caller user, UUID id) {
        return rules.find(id, user.companyId())
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("alert rule")));
    }

    Mono<AlertRule> create(Caller user, RuleFields fields) {
        UUID company = user.companyId();
        return rules.insert(company, fields, Times.now(clock), MAX_RULES)
                .switchIfEmpty(Mono.error(() -> new UnprocessableException(
                        "A company has at most " + MAX_RULES + " alert rules; remove one first.")))
                .flatMap(id -> audited(user, AuditAction.ALERT_RULE_CREATE, "alert-rule", id, describe(fields)).thenReturn(id))
                .as(tx::transactional)
                .flatMap(id -> rules.find(id, company));
    }

    Mono<AlertRule> update(Caller user, UUID id, RuleFields fields) {
        UUID company = user.companyId();
        return rules.update(id, company, fields, Times.now(clock))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("alert rule")))
                .flatMap(updated -> audited(user, AuditAction.ALERT_RULE_UPDATE, "alert-rule", id, describe(fields)))
                .as(tx::transactional)
                .then(rules.find(id, company));
    }

    Mono<Void> delete(Caller user, UUID id) {
        UUID company = user.companyId();
        return rules.delete(id, company)
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("alert rule")))
                .flatMap(deleted -> audited(user, AuditAction.ALERT_RULE_DELETE, "alert-rule", id, null))
                .as(tx::transactional);
    }

    /** A page of the company's alerts, each with its deliveries. */
    Mono<List<AlertDeliveries>> alerts(Caller user, PageCursor after, int limit) {
        return alerts.listForCompany(user.companyId(), after, limit)
                .collectList()
                .flatMap(page -> notifications.deliveries(AlertEvaluator.TOPIC, page.stream().map(RaisedAlert::id).toList())
                        .collect(Collectors.groupingBy(Delivery::topicId))
                        .map(byAlert -> page.stream()
                                .map(alert -> new AlertDeliveries(alert, byAlert.getOrDefault(alert.id(), List.of())))
                                .toList()));
    }

    private Mono<Void> audited(Caller user, AuditAction action, String targetType, UUID targetId,
                               Map<String, Object> details) {
        return audit.record(new AuditEntry(user.companyId(), user.actor(), action, targetType, targetId,
                AuditOutcome.SUCCESS, details));
    }

    private static Map<String, Object> describe(RuleFields fields) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", fields.name());
        details.put("action", fields.action());
        if (fields.outcome() != null) {
            details.put("outcome", fields.outcome().getValue());
        }
        details.put("threshold", fields.threshold());
        details.put("windowSeconds", fields.windowSeconds());
        details.put("enabled", fields.enabled());
        return details;
    }

    record AlertDeliveries(RaisedAlert alert, List<Delivery> deliveries) {
    }
}
