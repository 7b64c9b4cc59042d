package jp.btob.platform.apiclient;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.UUID;

import jp.btob.platform.api.ApiClientsApi;
import jp.btob.platform.api.model.ApiClientDetails;
import jp.btob.platform.api.model.ApiClientInput;
import jp.btob.platform.api.model.ApiClientList;
import jp.btob.platform.api.model.ApiClientRotation;
import jp.btob.platform.api.model.ApiClientWithSecret;
import jp.btob.platform.apiclient.ApiClientRepository.Fields;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.Times;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The API clients of the caller's own company; another company's client answers 404. */
@RestController
class ApiClientController implements ApiClientsApi {

    private static final String PATH = "/api/v1/admin/api-clients/";

    private static final int DEFAULT_OVERLAP_SECONDS = 86_400;

    private final ApiClientService clients;

    ApiClientController(ApiClientService clients) {
        this.clients = clients;
    }

    @Override
    public Mono<ResponseEntity<ApiClientList>> listApiClients(ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> clients.list(caller).map(ApiClientController::toApi).collectList())
                .map(items -> ResponseEntity.ok(new ApiClientList().items(items)));
    }

    @Override
    public Mono<ResponseEntity<ApiClientWithSecret>> createApiClient(Mono<ApiClientInput> input,
                                                                     ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> input.flatMap(body -> clients.create(caller, fields(body))))
                .map(created -> ResponseEntity.created(URI.create(PATH + created.client().id()))
                        .header("Cache-Control", "no-store")
                        .body(toApi(created)));
    }

    @Override
    public Mono<ResponseEntity<ApiClientDetails>> getApiClient(UUID clientId, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> clients.find(caller, clientId))
                .map(row -> ResponseEntity.ok(toApi(row)));
    }

    @Override
    public Mono<ResponseEntity<ApiClientDetails>> updateApiClient(UUID clientId, Mono<ApiClientInput> input,
                                                                  ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> input.flatMap(body -> clients.update(caller, clientId, fields(body))))
                .map(row -> ResponseEntity.ok(toApi(row)));
    }

    @Override
    public Mono<ResponseEntity<Void>> revokeApiClient(UUID clientId, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> clients.revoke(caller, clientId))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Override
    public Mono<ResponseEntity<ApiClientWithSecret>> rotateApiClientSecret(UUID clientId, Mono<ApiClientRotation> rotation,
                                                                           ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> rotation.flatMap(body -> clients.rotate(caller, clientId,
                        Duration.ofSeconds(body.getOverlapSeconds() == null ? DEFAULT_OVERLAP_SECONDS : body.getOverlapSeconds()))))
                .map(created -> ResponseEntity.ok().header("Cache-Control", "no-store").body(toApi(created)));
    }

    private static Fields fields(ApiClientInput input) {
        OffsetDateTime expiresAt = input.getExpiresAt();
        return new Fields(input.getName(), new ArrayList<>(input.getScopes()),
                expiresAt == null ? null : expiresAt.toInstant());
    }

    private static ApiClientWithSecret toApi(ApiClientService.Created created) {
        return new ApiClientWithSecret().client(toApi(created.client())).secret(created.secret());
    }

    private static ApiClientDetails toApi(ApiClientRow row) {
        return new ApiClientDetails()
                .id(row.id())
                .name(row.name())
                .scopes(new ArrayList<>(row.scopes()))
                .secretPrefix(row.secretPrefix())
                .expiresAt(Times.utc(row.expiresAt()))
                .createdAt(Times.utc(row.createdAt()))
                .lastUsedAt(Times.utc(row.lastUsedAt()))
                .secretCreatedAt(Times.utc(row.secretCreatedAt()))
                .previousSecretValidUntil(Times.utc(row.previousSecretValidUntil()));
    }
}
