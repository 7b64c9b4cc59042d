package jp.btob.platform.identity.mfa;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * A gateway reached by a JSON POST {@code {"to": ..., "text": ...}} with a bearer API key. Each
 * call goes through the gateway's circuit breaker; a 5xx answer or a failed connection is
 * tried again (a 4xx is not: it would fail again), and an open circuit makes no call at all.
 */
class HttpSmsGateway implements SmsGateway {

    private final WebClient client;

    private final SmsProperties properties;

    private final CircuitBreaker breaker;

    private final Retry retry;

    HttpSmsGateway(WebClient client, SmsProperties properties, CircuitBreaker breaker, Retry retry) {
        this.client = client;
        this.properties = properties;
        this.breaker = breaker;
        this.retry = retry;
    }

    @Override
    public Mono<Void> send(String phoneNumber, String text) {
        if (!properties.configured()) {
            return Mono.error(new IllegalStateException("no SMS gateway is configured (BTOB_SMS_GATEWAY_URL)"));
        }
        return Mono.defer(() -> client.post().uri(properties.gatewayUrl())
                        .contentType(MediaType.APPLICATION_JSON)
                        .headers(headers -> {
                            if (properties.apiKey() != null) {
                                headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey());
                            }
                        })
                        .bodyValue(Map.of("to", phoneNumber, "text", text))
                        .retrieve()
                        .toBodilessEntity()
                        .timeout(properties.timeout())
                        .then())
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(RetryOperator.of(retry));
    }

    /** What says the gateway is down rather than that the message is wrong. */
    static boolean outage(Throwable failure) {
        if (failure instanceof WebClientResponseException response) {
            return response.getStatusCode().is5xxServerError();
        }
        return failure instanceof WebClientRequestException || failure instanceof IOException
                || failure instanceof TimeoutException;
    }
}
