package jp.btob.platform.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.notify.Notifications;
import jp.btob.platform.notify.Topic;
import jp.btob.platform.notify.WebhookEndpoint;
import jp.btob.platform.notify.WebhookEndpoints;
import jp.btob.platform.system.Times;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a company's events and queues a delivery of each to every endpoint of the company that
 * subscribes to its type. Compose each call into the transaction of the change it reports: the
 * event and its deliveries then exist if and only if the change committed. A body holds IDs and
 * states, never a document's content.
 */
@Component
public class WebhookEvents {

    /** What the outbox files a delivery of a document event under. */
    static final String TOPIC = "webhook-event";

    /** What an alert's deliveries are filed under, so that the alert lists them. */
    static final String ALERT_TOPIC = "alert";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookEventRepository events;

    private final WebhookEndpoints endpoints;

    private final Notifications notifications;

    private final Clock clock;

    WebhookEvents(WebhookEventRepository events, WebhookEndpoints endpoints, Notifications notifications, Clock clock) {
        this.events = events;
        this.endpoints = endpoints;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** The step as one event for each company in {@code companies}, each seeing it from its own side. */
    public Mono<Void> documentStep(DocumentStep step, Actor actor, AuditAction action, List<UUID> companies) {
        Instant now = Times.now(clock);
        return Flux.fromIterable(companies)
                .concatMap(company -> events.newId().flatMap(id -> publish(company, id, action.code(), now,
                        documentBody(id, action.code(), now, company, step, actor))))
                .then();
    }

    /** An alert raised for the company, as the event {@code alert.raised} with the alert's ID and body. */
    public Mono<Void> alertRaised(UUID companyId, UUID alertId, Instant raisedAt, String body) {
        return publish(companyId, alertId, EventCatalogue.ALERT_RAISED, raisedAt, body);
    }

    /** A new delivery of a stored event to one endpoint: same ID, same body. Answers the delivery's ID. */
    Mono<UUID> redeliver(StoredEvent event, WebhookEndpoint endpoint) {
        return notifications.webhook(topic(event.type(), event.id()), endpoint, event.id(), event.type(), event.body());
    }

    private Mono<Void> publish(UUID companyId, UUID id, String type, Instant at, String body) {
        return events.insert(id, companyId, type, at, body)
                .thenMany(endpoints.subscribed(companyId, type)
                        .concatMap(endpoint -> notifications.webhook(topic(type, id), endpoint, id, type, body)))
                .then();
    }

    private static Topic topic(String type, UUID eventId) {
        return new Topic(EventCatalogue.ALERT_RAISED.equals(type) ? ALERT_TOPIC : TOPIC, eventId);
    }

    /** Written once: the bytes signed are the bytes sent, and sent again on a replay. */
    private static String documentBody(UUID id, String type, Instant at, UUID company, DocumentStep step, Actor actor) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", step.type().value());
        document.put("id", step.id().toString());
        document.put("status", step.status());
        document.put("version", step.version());
        document.put("sellerId", step.sellerId().toString());
        document.put("buyerId", step.buyerId().toString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("document", document);
        data.put("side", company.equals(step.sellerId()) ? "seller" : "buyer");
        data.put("actor", Map.of("type", actor.type().getValue().toLowerCase().replace('_', '-')));
        data.put("path", step.path());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", id.toString());
        envelope.put("type", type);
        envelope.put("createdAt", at.toString());
        envelope.put("companyId", company.toString());
        envelope.put("data", data);
        return JSON.writeValueAsString(envelope);
    }
}
