package jp.btob.platform.alert;

import java.net.URI;
import java.util.UUID;

import jp.btob.platform.alert.AlertRuleRepository.RuleFields;
import jp.btob.platform.alert.AlertService.AlertDeliveries;
import jp.btob.platform.api.AlertsApi;
import jp.btob.platform.api.model.Alert;
import jp.btob.platform.api.model.AlertOutcome;
import jp.btob.platform.api.model.AlertPage;
import jp.btob.platform.api.model.AlertRuleInput;
import jp.btob.platform.api.model.AlertRuleList;
import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.Delivery;
import jp.btob.platform.api.model.DeliveryChannel;
import jp.btob.platform.api.model.DeliveryStatus;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The alert API of the caller's own company; another company's path answers 404 before anything else. */
@RestController
class AlertController implements AlertsApi {

    private final AlertService alerts;

    AlertController(AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    public Mono<ResponseEntity<AlertRuleList>> listAlertRules(UUID companyId, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> alerts.rules(user).map(AlertController::toApi).collectList())
                .map(rules -> ResponseEntity.ok(new AlertRuleList(rules)));
    }

    @Override
    public Mono<ResponseEntity<jp.btob.platform.api.model.AlertRule>> createAlertRule(UUID companyId,
            Mono<AlertRuleInput> input, String idempotencyKey, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> input.flatMap(body -> alerts.create(user, fields(body))))
                .map(rule -> ResponseEntity
                        .created(URI.create("/api/v1/companies/" + companyId + "/alert-rules/" + rule.id()))
                        .body(toApi(rule)));
    }

    @Override
    public Mono<ResponseEntity<jp.btob.platform.api.model.AlertRule>> getAlertRule(UUID companyId, UUID ruleId,
                                                                                   ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> alerts.rule(user, ruleId))
                .map(rule -> ResponseEntity.ok(toApi(rule)));
    }

    @Override
    public Mono<ResponseEntity<jp.btob.platform.api.model.AlertRule>> updateAlertRule(UUID companyId, UUID ruleId,
            Mono<AlertRuleInput> input, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> input.flatMap(body -> alerts.update(user, ruleId, fields(body))))
                .map(rule -> ResponseEntity.ok(toApi(rule)));
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteAlertRule(UUID companyId, UUID ruleId, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> alerts.delete(user, ruleId))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Override
    public Mono<ResponseEntity<AlertPage>> listAlerts(UUID companyId, String cursor, Integer limit,
                                                      ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        return caller(exchange, companyId)
                .flatMap(user -> alerts.alerts(user, after, limit))
                .map(rows -> Pages.of(rows.stream().map(AlertController::toApi).toList(), limit,
                        alert -> new PageCursor(alert.getRaisedAt().toInstant(), alert.getId())))
                .map(page -> ResponseEntity.ok(new AlertPage(page.items(), page.info())));
    }

    private static Mono<Caller> caller(ServerWebExchange exchange, UUID companyId) {
        return Callers.of(exchange).flatMap(user -> Tenancy.ownCompany(user, companyId, "company"));
    }

    private static RuleFields fields(AlertRuleInput input) {
        return new RuleFields(input.getName(), input.getAction(),
                input.getOutcome() == null ? null : AuditOutcome.fromValue(input.getOutcome().getValue()),
                input.getThreshold(), input.getWindowSeconds(), input.getEnabled() == null || input.getEnabled());
    }

    private static jp.btob.platform.api.model.AlertRule toApi(AlertRule rule) {
        return new jp.btob.platform.api.model.AlertRule(rule.id(), rule.name(), rule.action(), rule.threshold(),
                rule.windowSeconds(), rule.enabled(), Times.utc(rule.createdAt()), Times.utc(rule.updatedAt()))
                .outcome(outcome(rule.outcome()));
    }

    private static Alert toApi(AlertDeliveries row) {
        RaisedAlert alert = row.alert();
        return new Alert(alert.id(), alert.ruleName(), alert.action(), alert.count(), alert.windowSeconds(),
                Times.utc(alert.raisedAt()), alert.auditPath(),
                row.deliveries().stream().map(AlertController::toApi).toList())
                .ruleId(alert.ruleId())
                .outcome(outcome(alert.outcome()));
    }

    private static Delivery toApi(jp.btob.platform.notify.Delivery delivery) {
        return new Delivery(DeliveryChannel.fromValue(delivery.channel().name()), delivery.recipient(),
                DeliveryStatus.fromValue(delivery.status().name()), delivery.attempts())
                .lastError(delivery.lastError())
                .deliveredAt(Times.utc(delivery.deliveredAt()));
    }

    private static AlertOutcome outcome(AuditOutcome outcome) {
        return outcome == null ? null : AlertOutcome.fromValue(outcome.getValue());
    }
}
