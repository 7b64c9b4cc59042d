package jp.btob.platform.sso.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWKSet;
import jp.btob.platform.sso.ProviderCalls;
import jp.btob.platform.sso.SsoProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What the platform knows of each OpenID Connect provider: its discovery document and its key
 * set, each read once and kept for {@code btob.sso.metadata-lifetime}, per issuer. A failed read
 * is not kept. A key set is read again before its time only when a token names a key it lacks
 * (the provider rotated its keys), and then at most once per {@code btob.sso.key-refetch-interval}.
 */
@Component
class ProviderMetadata {

    private final ProviderCalls calls;

    private final SsoProperties properties;

    private final Clock clock;

    private final Map<String, Mono<Discovery>> discoveries = new ConcurrentHashMap<>();

    private final Map<String, Mono<JWKSet>> keySets = new ConcurrentHashMap<>();

    private final Map<String, Instant> lastForced = new ConcurrentHashMap<>();

    ProviderMetadata(ProviderCalls calls, SsoProperties properties, Clock clock) {
        this.calls = calls;
        this.properties = properties;
        this.clock = clock;
    }

    /** The issuer's discovery document, which must name the issuer exactly as configured. */
    Mono<Discovery> discovery(String issuer) {
        return discoveries.computeIfAbsent(issuer, key -> kept(read(key)));
    }

    /** The issuer's key set as last read. */
    Mono<JWKSet> keys(Discovery discovery) {
        return keySets.computeIfAbsent(discovery.issuer(), key -> kept(readKeys(discovery)));
    }

    /**
     * The key set read anew, unless it was forced to be read within the interval: then the one
     * already kept, so forged tokens naming unknown keys cannot make the platform flood the provider.
     */
    Mono<JWKSet> keysAfterRotation(Discovery discovery) {
        Instant now = clock.instant();
        Instant previous = lastForced.get(discovery.issuer());
        if (previous != null && previous.plus(properties.keyRefetchInterval()).isAfter(now)) {
            return keys(discovery);
        }
        lastForced.put(discovery.issuer(), now);
        Mono<JWKSet> fresh = kept(readKeys(discovery));
        keySets.put(discovery.issuer(), fresh);
        return fresh;
    }

    private <T> Mono<T> kept(Mono<T> read) {
        Duration lifetime = properties.metadataLifetime();
        return read.cache(value -> lifetime, failure -> Duration.ZERO, () -> Duration.ZERO);
    }

    private Mono<Discovery> read(String issuer) {
        URI uri = URI.create(issuer.endsWith("/") ? issuer + ".well-known/openid-configuration"
                : issuer + "/.well-known/openid-configuration");
        return calls.getJson(issuer, uri).map(document -> {
            if (!issuer.equals(document.get("issuer"))) {
                throw new MetadataException("The discovery document names another issuer: " + document.get("issuer"));
            }
            Object methods = document.get("token_endpoint_auth_methods_supported");
            return new Discovery(issuer, endpoint(document, "authorization_endpoint"), endpoint(document, "token_endpoint"),
                    endpoint(document, "jwks_uri"),
                    methods instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of());
        });
    }

    private Mono<JWKSet> readKeys(Discovery discovery) {
        return calls.getText(discovery.issuer(), discovery.jwksUri())
                .publishOn(Schedulers.boundedElastic())
                .map(text -> {
                    try {
                        return JWKSet.parse(text);
                    }
                    catch (ParseException ex) {
                        throw new MetadataException("The provider's key set does not parse: " + ex.getMessage());
                    }
                });
    }

    /** An absolute https URL (http only where the platform allows insecure issuers). */
    private URI endpoint(Map<String, Object> document, String name) {
        Object value = document.get(name);
        try {
            URI uri = new URI(String.valueOf(value));
            boolean scheme = "https".equals(uri.getScheme())
                    || properties.allowInsecureIssuers() && "http".equals(uri.getScheme());
            if (value == null || !scheme || uri.getHost() == null) {
                throw new MetadataException("The discovery document's " + name + " is not an https URL: " + value);
            }
            return uri;
        }
        catch (URISyntaxException ex) {
            throw new MetadataException("The discovery document's " + name + " is not a URL: " + value);
        }
    }

    /**
     * The parts of a provider's discovery document the platform uses. {@code authMethods}: the
     * client authentication methods its token endpoint supports, empty if it does not say.
     */
    record Discovery(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri, List<String> authMethods) {

        /** Whether the client secret goes in the form rather than in HTTP Basic, the default. */
        boolean secretInForm() {
            return !authMethods.isEmpty() && !authMethods.contains("client_secret_basic")
                    && authMethods.contains("client_secret_post");
        }
    }

    /** A discovery document or key set the platform cannot use. */
    static final class MetadataException extends RuntimeException {

        MetadataException(String message) {
            super(message, null, false, false);
        }
    }
}
