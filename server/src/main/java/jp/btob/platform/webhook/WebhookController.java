package jp.btob.platform.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.api.WebhooksApi;
import jp.btob.platform.api.model.WebhookAttempt;
import jp.btob.platform.api.model.WebhookDeliveryDetail;
import jp.btob.platform.api.model.WebhookDeliveryPage;
import jp.btob.platform.api.model.WebhookDeliveryStatus;
import jp.btob.platform.api.model.WebhookEndpointCreated;
import jp.btob.platform.api.model.WebhookEndpointInput;
import jp.btob.platform.api.model.WebhookEndpointList;
import jp.btob.platform.api.model.WebhookEndpointUpdate;
import jp.btob.platform.api.model.WebhookEventType;
import jp.btob.platform.api.model.WebhookEventTypeList;
import jp.btob.platform.api.model.WebhookRedeliveries;
import jp.btob.platform.api.model.WebhookRedeliveryRange;
import jp.btob.platform.api.model.WebhookSecret;
import jp.btob.platform.api.model.WebhookSecretRotation;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.notify.DeliveryStatus;
import jp.btob.platform.notify.WebhookDelivery;
import jp.btob.platform.notify.WebhookEndpoint;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The webhook API of the caller's own company; another company's path answers 404 before anything else. */
@RestController
class WebhookController implements WebhooksApi {

    /** Written once: the catalogue does not change while the server runs. */
    private static final WebhookEventTypeList CATALOGUE = new WebhookEventTypeList(EventCatalogue.types().entrySet().stream()
            .map(type -> new WebhookEventType(type.getKey(), type.getValue()))
            .toList());

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public Mono<ResponseEntity<WebhookEventTypeList>> listWebhookEventTypes(ServerWebExchange exchange) {
        return Callers.of(exchange).thenReturn(ResponseEntity.ok(CATALOGUE));
    }

    @Override
    public Mono<ResponseEntity<WebhookEndpointList>> listWebhookEndpoints(UUID companyId, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> webhooks.endpoints(user).map(WebhookController::toApi).collectList())
                .map(endpoints -> ResponseEntity.ok(new WebhookEndpointList(endpoints)));
    }

    @Override
    public Mono<ResponseEntity<WebhookEndpointCreated>> createWebhookEndpoint(UUID companyId,
            Mono<WebhookEndpointInput> input, String idempotencyKey, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> input.flatMap(body -> webhooks.create(user, body.getUrl(), body.getDescription(),
                        types(body.getEventTypes()))))
                .map(created -> ResponseEntity
                        .created(URI.create("/api/v1/companies/" + companyId + "/webhook-endpoints/"
                                + created.endpoint().id()))
                        .header("Cache-Control", "no-store")
                        .body(new WebhookEndpointCreated(toApi(created.endpoint()), created.secret())));
    }

    @Override
    public Mono<ResponseEntity<jp.btob.platform.api.model.WebhookEndpoint>> getWebhookEndpoint(UUID companyId,
            UUID endpointId, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> webhooks.endpoint(user, endpointId))
                .map(endpoint -> ResponseEntity.ok(toApi(endpoint)));
    }

    @Override
    public Mono<ResponseEntity<jp.btob.platform.api.model.WebhookEndpoint>> updateWebhookEndpoint(UUID companyId,
            UUID endpointId, Mono<WebhookEndpointUpdate> input, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> input.flatMap(body -> webhooks.update(user, endpointId, body.getUrl(),
                        body.getDescription(), types(body.getEventTypes()))))
                .map(endpoint -> ResponseEntity.ok(toApi(endpoint)));
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteWebhookEndpoint(UUID companyId, UUID endpointId, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> webhooks.delete(user, endpointId))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Override
    public Mono<ResponseEntity<WebhookSecret>> rotateWebhookSecret(UUID companyId, UUID endpointId,
            Mono<WebhookSecretRotation> input, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> input.map(body -> Optional.ofNullable(body.getOverlapSeconds()))
                        .defaultIfEmpty(Optional.empty())
                        .flatMap(seconds -> webhooks.rotate(user, endpointId, seconds.map(Duration::ofSeconds).orElse(null))))
                .map(rotated -> ResponseEntity.ok().header("Cache-Control", "no-store")
                        .body(new WebhookSecret(rotated.secret())
                                .previousSecretExpiresAt(Times.utc(rotated.previousExpiresAt()))));
    }

    @Override
    public Mono<ResponseEntity<WebhookDeliveryPage>> listWebhookDeliveries(UUID companyId, UUID endpointId, String cursor,
            Integer limit, WebhookDeliveryStatus status, String eventType, ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        return caller(exchange, companyId)
                .flatMap(user -> webhooks.deliveries(user, endpointId,
                        status == null ? null : DeliveryStatus.valueOf(status.getValue()), eventType, after, limit))
                .map(rows -> Pages.of(rows, limit, delivery -> new PageCursor(delivery.createdAt(), delivery.id())))
                .map(page -> ResponseEntity.ok(new WebhookDeliveryPage(
                        page.items().stream().map(WebhookController::toApi).toList(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<WebhookDeliveryDetail>> getWebhookDelivery(UUID companyId, UUID endpointId,
            UUID deliveryId, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> webhooks.delivery(user, endpointId, deliveryId))
                .map(detail -> ResponseEntity.ok(new WebhookDeliveryDetail(toApi(detail.delivery()),
                        detail.attempts().stream().map(WebhookController::toApi).toList())));
    }

    @Override
    public Mono<ResponseEntity<jp.btob.platform.api.model.WebhookDelivery>> redeliverWebhookEvent(UUID companyId,
            UUID endpointId, UUID eventId, String idempotencyKey, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> webhooks.redeliver(user, endpointId, eventId))
                .map(delivery -> ResponseEntity.accepted().body(toApi(delivery)));
    }

    @Override
    public Mono<ResponseEntity<WebhookRedeliveries>> redeliverWebhookEvents(UUID companyId, UUID endpointId,
            Mono<WebhookRedeliveryRange> input, String idempotencyKey, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> input.flatMap(body -> webhooks.redeliver(user, endpointId, body.getFrom().toInstant(),
                        body.getTo().toInstant(), types(body.getEventTypes()))))
                .map(count -> ResponseEntity.accepted().body(new WebhookRedeliveries(count)));
    }

    private static Mono<Caller> caller(ServerWebExchange exchange, UUID companyId) {
        return Callers.of(exchange).flatMap(user -> Tenancy.ownCompany(user, companyId, "company"));
    }

    /** Absent and empty are alike: the generated model answers an absent list as empty. */
    private static List<String> types(Set<String> types) {
        return types == null || types.isEmpty() ? null : List.copyOf(types);
    }

    private static jp.btob.platform.api.model.WebhookEndpoint toApi(WebhookEndpoint endpoint) {
        return new jp.btob.platform.api.model.WebhookEndpoint(endpoint.id(), endpoint.url(),
                new LinkedHashSet<>(endpoint.eventTypes()), Times.utc(endpoint.createdAt()))
                .description(endpoint.description())
                .secretRotatedAt(Times.utc(endpoint.secretRotatedAt()))
                .previousSecretExpiresAt(Times.utc(endpoint.previousSecretExpiresAt()));
    }

    private static jp.btob.platform.api.model.WebhookDelivery toApi(WebhookDelivery delivery) {
        return new jp.btob.platform.api.model.WebhookDelivery(delivery.id(), delivery.eventId(), delivery.eventType(),
                WebhookDeliveryStatus.fromValue(delivery.status().name()), delivery.attempts(),
                Times.utc(delivery.createdAt()))
                .lastAttemptAt(Times.utc(delivery.lastAttemptAt()))
                .nextAttemptAt(delivery.status() == DeliveryStatus.PENDING ? Times.utc(delivery.nextAttemptAt()) : null)
                .deliveredAt(Times.utc(delivery.deliveredAt()))
                .lastError(delivery.lastError())
                .lastHttpStatus(delivery.lastHttpStatus());
    }

    private static WebhookAttempt toApi(WebhookDelivery.Attempt attempt) {
        return new WebhookAttempt(Times.utc(attempt.at()), WebhookAttempt.OutcomeEnum.fromValue(attempt.outcome()),
                attempt.durationMs())
                .httpStatus(attempt.httpStatus())
                .error(attempt.error());
    }
}
