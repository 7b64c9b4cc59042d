package jp.btob.platform.notify;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

import jp.btob.platform.crypto.EncryptedColumn;
import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.system.Times;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A company's webhook endpoints and their signing secrets: 256 random bits, answered once, kept
 * only encrypted under the company's data key. Compose the changes into the caller's transaction.
 */
public class WebhookEndpoints {

    /** Where the secrets live; the key service re-encrypts it after a data-key rotation. */
    public static final EncryptedColumn SECRET = new EncryptedColumn("webhook_endpoint", "id", "company_id", "secret");

    /** Enough for a few receivers per company, few enough to send every alert to each. */
    public static final int MAX_PER_COMPANY = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookEndpointRepository endpoints;

    private final NotificationRepository notifications;

    private final FieldEncryption encryption;

    private final Clock clock;

    WebhookEndpoints(WebhookEndpointRepository endpoints, NotificationRepository notifications,
                     FieldEncryption encryption, Clock clock) {
        this.endpoints = endpoints;
        this.notifications = notifications;
        this.encryption = encryption;
        this.clock = clock;
    }

    /** Creates the endpoint; answers it with its secret, or empty when the company has its maximum. */
    public Mono<Created> create(UUID companyId, String url, String description) {
        return endpoints.newId().flatMap(id -> newSecret()
                .flatMap(secret -> encrypt(companyId, id, secret)
                        .flatMap(stored -> endpoints.insert(id, companyId, url, description, stored, Times.now(clock),
                                MAX_PER_COMPANY))
                        .filter(Boolean::booleanValue)
                        .flatMap(inserted -> endpoints.find(id, companyId))
                        .map(endpoint -> new Created(endpoint, secret))));
    }

    public Flux<WebhookEndpoint> live(UUID companyId) {
        return endpoints.live(companyId);
    }

    public Mono<WebhookEndpoint> find(UUID companyId, UUID id) {
        return endpoints.find(id, companyId);
    }

    /** Gives the endpoint a new secret and answers it; empty for an endpoint the company does not have. */
    public Mono<String> rotate(UUID companyId, UUID id) {
        return newSecret().flatMap(secret -> encrypt(companyId, id, secret)
                .flatMap(stored -> endpoints.replaceSecret(id, companyId, stored, Times.now(clock)))
                .filter(Boolean::booleanValue)
                .map(replaced -> secret));
    }

    /** Removes the endpoint and cancels what still waits to be sent to it; false if the company has no such endpoint. */
    public Mono<Boolean> delete(UUID companyId, UUID id) {
        return endpoints.delete(id, companyId, Times.now(clock))
                .flatMap(deleted -> deleted
                        ? notifications.cancelForEndpoint(id, "endpoint removed").thenReturn(true)
                        : Mono.just(false));
    }

    /** The secret that signs deliveries to a live endpoint; empty once it is removed. */
    Mono<String> secret(UUID id) {
        return endpoints.secret(id).flatMap(stored -> encryption.decrypt(stored.companyId(), SECRET.aad(id), stored.ciphertext()))
                .map(plain -> new String(plain, StandardCharsets.UTF_8));
    }

    private Mono<byte[]> encrypt(UUID companyId, UUID id, String secret) {
        return encryption.encrypt(companyId, SECRET.aad(id), secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Drawn from the operating system's random source, which may block, so off the event loop. */
    private static Mono<String> newSecret() {
        return Mono.fromCallable(() -> {
            byte[] bits = new byte[32];
            RANDOM.nextBytes(bits);
            return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** A new endpoint and its secret, which is never answered again. */
    public record Created(WebhookEndpoint endpoint, String secret) {
    }
}
