package jp.btob.platform.notify;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.crypto.EncryptedColumn;
import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.system.Times;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A company's webhook endpoints and their signing secrets: 256 random bits, answered once, kept
 * only encrypted under the company's data key. After a rotation the previous secret is kept,
 * encrypted the same way under an AAD of its own, while it still signs. Compose the changes into
 * the caller's transaction.
 */
public class WebhookEndpoints {

    /** Where the secrets live; the key service re-encrypts it after a data-key rotation. */
    public static final EncryptedColumn SECRET = new EncryptedColumn("webhook_endpoint", "id", "company_id", "secret");

    /** The secret before the last rotation, during its overlap. */
    public static final EncryptedColumn PREVIOUS_SECRET =
            new EncryptedColumn("webhook_endpoint", "id", "company_id", "previous_secret");

    /** Enough for a few receivers per company, few enough to send every event to each. */
    public static final int MAX_PER_COMPANY = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookEndpointRepository endpoints;

    private final NotificationRepository notifications;

    private final FieldEncryption encryption;

    private final Duration rotationOverlap;

    private final Clock clock;

    WebhookEndpoints(WebhookEndpointRepository endpoints, NotificationRepository notifications,
                     FieldEncryption encryption, Duration rotationOverlap, Clock clock) {
        this.endpoints = endpoints;
        this.notifications = notifications;
        this.encryption = encryption;
        this.rotationOverlap = rotationOverlap;
        this.clock = clock;
    }

    /** Creates the endpoint; answers it with its secret, or empty when the company has its maximum. */
    public Mono<Created> create(UUID companyId, String url, String description, List<String> eventTypes) {
        return endpoints.newId().flatMap(id -> newSecret()
                .flatMap(secret -> encrypt(companyId, SECRET, id, secret)
                        .flatMap(stored -> endpoints.insert(id, companyId, url, description, eventTypes, stored,
                                Times.now(clock), MAX_PER_COMPANY))
                        .filter(Boolean::booleanValue)
                        .flatMap(inserted -> find(companyId, id))
                        .map(endpoint -> new Created(endpoint, secret))));
    }

    /** Changes the fields given (null: unchanged); answers the endpoint, empty for one the company does not have. */
    public Mono<WebhookEndpoint> update(UUID companyId, UUID id, String url, String description, List<String> eventTypes) {
        return endpoints.update(id, companyId, url, description, eventTypes)
                .filter(Boolean::booleanValue)
                .flatMap(updated -> find(companyId, id));
    }

    public Flux<WebhookEndpoint> live(UUID companyId) {
        return endpoints.live(companyId, Times.now(clock));
    }

    /** The live endpoints of the company that receive events of this type. */
    public Flux<WebhookEndpoint> subscribed(UUID companyId, String eventType) {
        return endpoints.subscribed(companyId, eventType, Times.now(clock));
    }

    public Mono<WebhookEndpoint> find(UUID companyId, UUID id) {
        return endpoints.find(id, companyId, Times.now(clock));
    }

    /** The longest the previous secret may keep signing after a rotation, as the platform sets it. */
    public Duration rotationOverlap() {
        return rotationOverlap;
    }

    /**
     * Gives the endpoint a new secret; the current one keeps signing for {@code overlap} next to the
     * new one. Empty for an endpoint the company does not have.
     */
    public Mono<Rotated> rotate(UUID companyId, UUID id, Duration overlap) {
        Instant now = Times.now(clock);
        Instant until = now.plus(overlap);
        return endpoints.currentForUpdate(id, companyId)
                .flatMap(current -> encryption.decrypt(companyId, SECRET.aad(id), current))
                .flatMap(old -> encryption.encrypt(companyId, PREVIOUS_SECRET.aad(id), old))
                .flatMap(previous -> newSecret().flatMap(secret -> encrypt(companyId, SECRET, id, secret)
                        .flatMap(stored -> endpoints.replaceSecret(id, companyId, stored, previous, now, until))
                        .filter(Boolean::booleanValue)
                        .map(replaced -> new Rotated(secret, until.isAfter(now) ? until : null))));
    }

    /** Removes the endpoint and cancels what still waits to be sent to it; false if the company has no such endpoint. */
    public Mono<Boolean> delete(UUID companyId, UUID id) {
        return endpoints.delete(id, companyId, Times.now(clock))
                .flatMap(deleted -> deleted
                        ? notifications.cancelForEndpoint(id, "endpoint removed").thenReturn(true)
                        : Mono.just(false));
    }

    /**
     * The secrets that sign deliveries to a live endpoint, the current one first, then the previous
     * one while its overlap lasts; empty once the endpoint is removed.
     */
    Mono<List<String>> secrets(UUID id) {
        return endpoints.secret(id, Times.now(clock)).flatMap(stored -> {
            Mono<String> current = decrypt(stored.companyId(), SECRET, id, stored.ciphertext());
            Mono<List<String>> both = stored.previous() == null ? current.map(List::of)
                    : current.zipWith(decrypt(stored.companyId(), PREVIOUS_SECRET, id, stored.previous()),
                            (now, before) -> List.of(now, before));
            return both;
        });
    }

    private Mono<String> decrypt(UUID companyId, EncryptedColumn column, UUID id, byte[] stored) {
        return encryption.decrypt(companyId, column.aad(id), stored).map(plain -> new String(plain, StandardCharsets.UTF_8));
    }

    private Mono<byte[]> encrypt(UUID companyId, EncryptedColumn column, UUID id, String secret) {
        return encryption.encrypt(companyId, column.aad(id), secret.getBytes(StandardCharsets.UTF_8));
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

    /** A rotated endpoint's new secret, and until when the previous one still signs (null: not at all). */
    public record Rotated(String secret, Instant previousExpiresAt) {
    }
}
