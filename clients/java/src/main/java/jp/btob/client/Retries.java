package jp.btob.client;

import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientRequest;

/**
 * Sends each request with its {@link RequestOptions}: the response timeout per attempt, retries with
 * exponential backoff and full jitter (Resilience4j) honouring {@code Retry-After}, and every error
 * answer raised as its typed {@link BtobApiException}.
 *
 * <p>Retried: 429, 502, 503, 504, 409 {@code /problems/idempotency-in-progress}, and requests that got no
 * answer (refused or dropped connections, timeouts), but not TLS failures, which a retry cannot mend. A
 * {@code POST} or {@code PATCH} is retried only when it carries an {@code Idempotency-Key}, so that a
 * retry cannot do twice what the first attempt may already have done.
 */
final class Retries implements ExchangeFilterFunction {

    /** The request attribute that carries the call's options, merged over the client's. */
    static final String OPTIONS = RequestOptions.class.getName();

    private static final Set<Integer> RETRIED_STATUSES = Set.of(429, 502, 503, 504);
    private static final String IN_PROGRESS = "/problems/idempotency-in-progress";

    private final RequestOptions defaults;

    Retries(RequestOptions defaults) {
        this.defaults = defaults;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        RequestOptions options = request.attribute(OPTIONS).map(RequestOptions.class::cast).orElse(defaults);
        ClientRequest timed = ClientRequest.from(request)
                .httpRequest(http -> {
                    if (http.getNativeRequest() instanceof HttpClientRequest netty) {
                        netty.responseTimeout(options.getResponseTimeout());
                    }
                })
                .build();
        AtomicInteger attempts = new AtomicInteger();
        Mono<ClientResponse> attempt = Mono.defer(() -> {
            attempts.incrementAndGet();
            return next.exchange(timed);
        }).flatMap(Retries::raiseErrorAnswer);
        if (options.getMaxRetries() > 0 && mayRetry(request)) {
            attempt = attempt.transformDeferred(RetryOperator.of(retry(options)));
        }
        return attempt.onErrorMap(failure -> lastFailure(failure, request, attempts.get()));
    }

    /** A POST or PATCH may have done its work before the answer was lost: retry it only under a key. */
    private static boolean mayRetry(ClientRequest request) {
        HttpMethod method = request.method();
        boolean unsafe = HttpMethod.POST.equals(method) || HttpMethod.PATCH.equals(method);
        return !unsafe || request.headers().containsHeader(IdempotencyKeys.HEADER);
    }

    private static Mono<ClientResponse> raiseErrorAnswer(ClientResponse response) {
        if (!response.statusCode().isError()) {
            return Mono.just(response);
        }
        return response.createException().flatMap(error -> Mono.error(BtobApiException.from(error)));
    }

    static boolean isRetried(Throwable failure) {
        if (failure instanceof BtobApiException answer) {
            return RETRIED_STATUSES.contains(answer.getStatus())
                    || (answer.getStatus() == 409 && IN_PROGRESS.equals(answer.getType()));
        }
        return failure instanceof WebClientRequestException && !causedBy(failure, SSLException.class);
    }

    private static Retry retry(RequestOptions options) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(options.getMaxRetries() + 1)
                .retryOnException(Retries::isRetried)
                .intervalBiFunction(backoff(options))
                .failAfterMaxAttempts(false)
                .build();
        return Retry.of("btob-client", config);
    }

    /** Full jitter (a random wait up to the exponential step), or the answer's {@code Retry-After}; both capped. */
    private static IntervalBiFunction<Object> backoff(RequestOptions options) {
        long initial = options.getInitialBackoff().toMillis();
        long max = options.getMaxBackoff().toMillis();
        return (attempt, outcome) -> {
            if (outcome.isLeft() && outcome.getLeft() instanceof BtobApiException answer
                    && answer.getRetryAfter().isPresent()) {
                return Math.min(max, answer.getRetryAfter().get().toMillis());
            }
            long step = Math.min(max, initial << Math.min(attempt - 1, 30));
            return ThreadLocalRandom.current().nextLong(step + 1);
        };
    }

    /** The last attempt's failure, saying how many attempts were made. */
    private static Throwable lastFailure(Throwable failure, ClientRequest request, int attempts) {
        if (failure instanceof BtobApiException answer && attempts > 1
                && answer.getCause() instanceof WebClientResponseException response) {
            return BtobApiException.from(response, attempts);
        }
        if (failure instanceof WebClientRequestException) {
            return new BtobConnectionException(request.method() + " " + request.url() + " got no answer after "
                    + attempts + (attempts == 1 ? " attempt" : " attempts") + ": " + failure.getMessage(), failure, attempts);
        }
        return failure;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
