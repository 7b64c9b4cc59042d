package jp.btob.platform.sso;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import jp.btob.platform.system.problem.ProblemException;
import jp.btob.platform.system.problem.ProblemType;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Every HTTP call to an identity provider (OpenID Connect discovery, keys and tokens; SAML
 * metadata), through the circuit of its issuer or host and within the time limit: a provider
 * that is down fails fast with 503 instead of holding sign-ins.
 */
public class ProviderCalls {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private final WebClient client;

    private final CircuitBreakerRegistry breakers;

    private final Duration timeout;

    ProviderCalls(WebClient client, CircuitBreakerRegistry breakers, Duration timeout) {
        this.client = client;
        this.breakers = breakers;
        this.timeout = timeout;
    }

    /** A JSON object from a GET, such as the discovery document. */
    public Mono<Map<String, Object>> getJson(String issuer, URI uri) {
        return guarded(issuer, client.get().uri(uri).accept(MediaType.APPLICATION_JSON).retrieve().bodyToMono(JSON_OBJECT));
    }

    /** The bytes of a GET of XML, such as a SAML provider's metadata. */
    Mono<byte[]> getXml(String circuit, URI uri) {
        return guarded(circuit, client.get().uri(uri).accept(MediaType.APPLICATION_XML, MediaType.TEXT_XML,
                MediaType.parseMediaType("application/samlmetadata+xml")).retrieve().bodyToMono(byte[].class));
    }

    /** The text of a GET, such as a key set, which Nimbus parses itself. */
    public Mono<String> getText(String issuer, URI uri) {
        return guarded(issuer, client.get().uri(uri).accept(MediaType.APPLICATION_JSON).retrieve().bodyToMono(String.class));
    }

    /** A form POST answered with a JSON object, such as the token request; {@code headers} may carry client authentication. */
    public Mono<Map<String, Object>> postForm(String issuer, URI uri, MultiValueMap<String, String> form, HttpHeaders headers) {
        return guarded(issuer, client.post().uri(uri)
                .headers(all -> all.addAll(headers))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(form)
                .retrieve()
                .bodyToMono(JSON_OBJECT));
    }

    private <T> Mono<T> guarded(String issuer, Mono<T> call) {
        return Mono.defer(() -> call.timeout(timeout))
                .transformDeferred(CircuitBreakerOperator.of(breakers.circuitBreaker(issuer)))
                .onErrorMap(failure -> outage(failure) || failure instanceof CallNotPermittedException,
                        failure -> new Unavailable());
    }

    /** What says the provider is down, rather than that it refused this request. */
    public static boolean outage(Throwable failure) {
        if (failure instanceof WebClientResponseException response) {
            return response.getStatusCode().is5xxServerError();
        }
        return failure instanceof WebClientRequestException || failure instanceof IOException
                || failure instanceof TimeoutException;
    }

    /** The provider cannot be reached now: 503, since trying again later may work. */
    public static final class Unavailable extends ProblemException {

        public Unavailable() {
            super(ProblemType.UNAVAILABLE, "The identity provider cannot be reached now; try again in a moment.");
        }
    }
}
