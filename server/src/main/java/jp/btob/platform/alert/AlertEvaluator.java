package jp.btob.platform.alert;

import java.util.List;

import jp.btob.platform.alert.AlertProperties.PlatformRule;
import jp.btob.platform.audit.AuditListener;
import jp.btob.platform.audit.AuditedEvent;
import jp.btob.platform.company.CompanyRepository;
import jp.btob.platform.notify.Notifications;
import jp.btob.platform.notify.Topic;
import jp.btob.platform.webhook.WebhookEvents;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Raises alerts as audit events are appended, in the append's transaction: the company's rules
 * on its own chain, the operators' rules on every chain. Each alert is enqueued at once to its
 * recipients, so an alert and its notifications commit with the event that raised them.
 */
@Component
class AlertEvaluator implements AuditListener {

    static final String TOPIC = "alert";

    private final AlertRepository alerts;

    private final CompanyRepository companies;

    private final WebhookEvents events;

    private final Notifications notifications;

    private final List<PlatformRule> platformRules;

    AlertEvaluator(AlertRepository alerts, CompanyRepository companies, WebhookEvents events,
                   Notifications notifications, AlertProperties properties) {
        this.alerts = alerts;
        this.companies = companies;
        this.events = events;
        this.notifications = notifications;
        this.platformRules = properties.platformRules();
    }

    @Override
    public Mono<Void> appended(AuditedEvent event) {
        Flux<Void> company = event.companyId() == null ? Flux.empty()
                : alerts.raiseForCompanyRules(event).concatMap(this::toAdministrators);
        Flux<Void> platform = Flux.fromIterable(platformRules)
                .filter(rule -> rule.action().equals(event.action())
                        && (rule.outcome() == null || rule.outcome() == event.outcome()))
                .concatMap(rule -> alerts.raiseForPlatformRule(rule, event))
                .concatMap(this::toOperators);
        return company.thenMany(platform).then();
    }

    /**
     * Every active administrator of the company by e-mail, and the company's event
     * {@code alert.raised} to every webhook endpoint of the company that subscribes to it.
     */
    private Mono<Void> toAdministrators(RaisedAlert alert) {
        Topic topic = new Topic(TOPIC, alert.id());
        String subject = AlertMessages.subject(alert);
        String text = AlertMessages.text(alert);
        return companies.activeAdminEmails(alert.companyId())
                .concatMap(email -> notifications.email(topic, email, subject, text))
                .then(events.alertRaised(alert.companyId(), alert.id(), alert.raisedAt(), AlertMessages.json(alert)));
    }

    private Mono<Void> toOperators(RaisedAlert alert) {
        return notifications.operators(new Topic(TOPIC, alert.id()), alert.id(), AlertMessages.subject(alert),
                AlertMessages.text(alert), AlertMessages.json(alert));
    }
}
