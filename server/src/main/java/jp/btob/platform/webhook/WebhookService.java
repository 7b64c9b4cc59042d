package jp.btob.platform.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.notify.AddressGuard;
import jp.btob.platform.notify.DeliveryLog;
import jp.btob.platform.notify.DeliveryStatus;
import jp.btob.platform.notify.WebhookDelivery;
import jp.btob.platform.notify.WebhookEndpoint;
import jp.btob.platform.notify.WebhookEndpoints;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import jp.btob.platform.system.problem.UnprocessableException;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a holder of {@code webhook:manage} does with the company's webhooks: the endpoints, their
 * delivery log, and replay. Every endpoint is looked up under the caller's company first, so
 * another company's endpoint, delivery or event answers 404. Every change commits with its audit
 * event or not at all.
 */
@Service
class WebhookService {

    /** The longest time range one replay covers. */
    static final Duration MAX_RANGE = Duration.ofDays(31);

    /** The most events one replay sends. */
    static final int MAX_EVENTS = 10_000;

    private final WebhookEndpoints endpoints;

    private final WebhookEventRepository events;

    private final WebhookEvents publisher;

    private final DeliveryLog log;

    private final AddressGuard guard;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    WebhookService(WebhookEndpoints endpoints, WebhookEventRepository events, WebhookEvents publisher, DeliveryLog log,
                   AddressGuard guard, AuditLog audit, TransactionalOperator tx) {
        this.endpoints = endpoints;
        this.events = events;
        this.publisher = publisher;
        this.log = log;
        this.guard = guard;
        this.audit = audit;
        this.tx = tx;
    }

    Flux<WebhookEndpoint> endpoints(Caller user) {
        return endpoints.live(user.companyId());
    }

    Mono<WebhookEndpoint> endpoint(Caller user, UUID id) {
        return endpoints.find(user.companyId(), id).switchIfEmpty(Mono.error(() -> Tenancy.notFound("webhook endpoint")));
    }

    /** Refuses a URL the platform will not send to, or an unknown event type, with 422 naming the field, before anything is stored. */
    Mono<WebhookEndpoints.Created> create(Caller user, String url, String description, List<String> eventTypes) {
        List<String> types = eventTypes == null ? List.of(WebhookEndpoint.ALL) : checked(eventTypes);
        return checked(url)
                .flatMap(uri -> endpoints.create(user.companyId(), url, description, types)
                        .switchIfEmpty(Mono.error(() -> new UnprocessableException("A company has at most "
                                + WebhookEndpoints.MAX_PER_COMPANY + " webhook endpoints; remove one first.")))
                        .flatMap(created -> audited(user, AuditAction.ALERT_ENDPOINT_CREATE, created.endpoint().id(),
                                Map.of("host", uri.getHost(), "eventTypes", types)).thenReturn(created))
                        .as(tx::transactional));
    }

    Mono<WebhookEndpoint> update(Caller user, UUID id, String url, String description, List<String> eventTypes) {
        List<String> types = eventTypes == null ? null : checked(eventTypes);
        Mono<URI> checkedUrl = url == null ? Mono.empty() : checked(url);
        return checkedUrl.map(uri -> Map.<String, Object>of("host", uri.getHost())).defaultIfEmpty(Map.of())
                .flatMap(host -> endpoints.update(user.companyId(), id, url, description, types)
                        .switchIfEmpty(Mono.error(() -> Tenancy.notFound("webhook endpoint")))
                        .flatMap(endpoint -> {
                            Map<String, Object> details = new LinkedHashMap<>(host);
                            details.put("eventTypes", endpoint.eventTypes());
                            return audited(user, AuditAction.WEBHOOK_ENDPOINT_UPDATE, id, details).thenReturn(endpoint);
                        })
                        .as(tx::transactional));
    }

    Mono<Void> delete(Caller user, UUID id) {
        return endpoints.delete(user.companyId(), id)
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("webhook endpoint")))
                .flatMap(deleted -> audited(user, AuditAction.ALERT_ENDPOINT_DELETE, id, null))
                .as(tx::transactional);
    }

    /** {@code overlap} null: the platform's overlap; longer than it: the platform's. */
    Mono<WebhookEndpoints.Rotated> rotate(Caller user, UUID id, Duration overlap) {
        Duration platform = endpoints.rotationOverlap();
        Duration chosen = overlap == null || overlap.compareTo(platform) > 0 ? platform : overlap;
        return endpoints.rotate(user.companyId(), id, chosen)
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("webhook endpoint")))
                .flatMap(rotated -> audited(user, AuditAction.ALERT_ENDPOINT_ROTATE, id,
                        Map.of("overlapSeconds", chosen.toSeconds())).thenReturn(rotated))
                .as(tx::transactional);
    }

    /** A page of the endpoint's deliveries, newest first; {@code limit + 1} are read to tell whether more follow. */
    Mono<List<WebhookDelivery>> deliveries(Caller user, UUID endpointId, DeliveryStatus status, String eventType,
                                           PageCursor after, int limit) {
        return endpoint(user, endpointId)
                .flatMap(endpoint -> log.page(endpoint.id(), status, eventType, after == null ? null : after.at(),
                        after == null ? null : after.id(), Pages.fetchSize(limit)).collectList());
    }

    Mono<Detail> delivery(Caller user, UUID endpointId, UUID deliveryId) {
        return endpoint(user, endpointId)
                .flatMap(endpoint -> log.find(endpoint.id(), deliveryId))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("delivery")))
                .flatMap(delivery -> log.attempts(delivery.id()).map(attempts -> new Detail(delivery, attempts)));
    }

    /** A new delivery of one of the company's events to the endpoint, whatever the endpoint subscribes to. */
    Mono<WebhookDelivery> redeliver(Caller user, UUID endpointId, UUID eventId) {
        return endpoint(user, endpointId)
                .flatMap(endpoint -> events.find(user.companyId(), eventId)
                        .switchIfEmpty(Mono.error(() -> Tenancy.notFound("event")))
                        .flatMap(event -> publisher.redeliver(event, endpoint))
                        .flatMap(delivery -> audited(user, AuditAction.WEBHOOK_REDELIVER, endpointId,
                                Map.of("eventId", eventId.toString())).thenReturn(delivery))
                        .as(tx::transactional)
                        .flatMap(delivery -> log.find(endpointId, delivery)));
    }

    /**
     * A new delivery of each of the company's events in {@code [from, to)} of the types the endpoint
     * subscribes to, narrowed by {@code eventTypes}; answers how many.
     */
    Mono<Integer> redeliver(Caller user, UUID endpointId, Instant from, Instant to, List<String> eventTypes) {
        if (!to.isAfter(from)) {
            return Mono.error(new UnprocessableFieldException("to", "The range must end after it starts."));
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            return Mono.error(new UnprocessableFieldException("to", "A replay covers at most 31 days; split the range."));
        }
        List<String> asked = eventTypes == null ? null : checked(eventTypes);
        return endpoint(user, endpointId).flatMap(endpoint -> {
            List<String> types = narrowed(endpoint.eventTypes(), asked);
            Mono<List<StoredEvent>> found = types != null && types.isEmpty() ? Mono.just(List.of())
                    : events.range(user.companyId(), from, to, types, MAX_EVENTS + 1).collectList();
            return found.flatMap(range -> range.size() > MAX_EVENTS
                    ? Mono.error(new UnprocessableFieldException("to", "The range holds more than " + MAX_EVENTS
                            + " events; split it."))
                    : Flux.fromIterable(range).concatMap(event -> publisher.redeliver(event, endpoint)).count()
                            .flatMap(count -> audited(user, AuditAction.WEBHOOK_REDELIVER, endpointId, Map.of(
                                    "from", from.toString(), "to", to.toString(), "count", count))
                                    .thenReturn(count.intValue()))
                            .as(tx::transactional));
        });
    }

    /** The types both the endpoint and the request name; null for every type. */
    private static List<String> narrowed(List<String> subscribed, List<String> asked) {
        boolean all = subscribed.contains(WebhookEndpoint.ALL);
        if (asked == null || asked.contains(WebhookEndpoint.ALL)) {
            return all ? null : subscribed;
        }
        return all ? asked : asked.stream().filter(subscribed::contains).toList();
    }

    private Mono<URI> checked(String url) {
        return guard.check(url).onErrorMap(AddressGuard.RefusedUrlException.class,
                refused -> new UnprocessableFieldException("url", "The URL " + refused.getMessage() + "."));
    }

    private static List<String> checked(List<String> types) {
        if (!EventCatalogue.valid(types)) {
            throw new UnprocessableFieldException("eventTypes", "Event types must be types of the catalogue"
                    + " (GET /api/v1/webhook-event-types) or *; not " + types.stream()
                    .filter(type -> !WebhookEndpoint.ALL.equals(type) && !EventCatalogue.contains(type)).toList() + ".");
        }
        return types.contains(WebhookEndpoint.ALL) ? List.of(WebhookEndpoint.ALL) : List.copyOf(types);
    }

    private Mono<Void> audited(Caller user, AuditAction action, UUID endpointId, Map<String, Object> details) {
        return audit.record(new AuditEntry(user.companyId(), user.actor(), action, "webhook-endpoint", endpointId,
                AuditOutcome.SUCCESS, details));
    }

    /** A delivery with its attempts. */
    record Detail(WebhookDelivery delivery, List<WebhookDelivery.Attempt> attempts) {
    }
}
