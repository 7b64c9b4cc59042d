package jp.btob.platform.attachment;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Scans files with clamd through its circuit breaker (SEC-AV). Never fails: a scanner that
 * cannot answer, because none is configured, it is unreachable, too slow, in error, or its
 * circuit is open, makes the verdict {@code UNSCANNED}, and the file waits for a later scan.
 */
class VirusScanner {

    private static final Logger log = LoggerFactory.getLogger(VirusScanner.class);

    private final ClamdClient client;

    private final CircuitBreaker breaker;

    /** {@code client} null: no scanner is configured. */
    VirusScanner(ClamdClient client, CircuitBreaker breaker) {
        this.client = client;
        this.breaker = breaker;
        breaker.getEventPublisher().onStateTransition(event -> log.warn("The virus scanner's circuit went from {} to {}",
                event.getStateTransition().getFromState(), event.getStateTransition().getToState()));
    }

    Mono<Verdict> scan(byte[] content) {
        if (client == null) {
            return Mono.just(Verdict.unscanned("no virus scanner is configured (BTOB_CLAMAV_HOST)"));
        }
        return Mono.defer(() -> client.scan(content))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorResume(failure -> {
                    String reason = reason(failure);
                    if (failure instanceof CallNotPermittedException) {
                        log.debug("File not scanned: {}", reason);
                    } else if (failure instanceof TimeoutException || failure instanceof ClamdClient.ScannerException
                            || failure instanceof ConnectException) {
                        log.warn("File not scanned: {}", reason);
                    } else {
                        log.warn("File not scanned: {}", reason, failure);
                    }
                    return Mono.just(Verdict.unscanned(reason));
                });
    }

    private static String reason(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            return "the virus scanner's circuit is open";
        }
        if (failure instanceof TimeoutException) {
            return "the virus scanner did not answer in time";
        }
        if (failure instanceof ClamdClient.ScannerException) {
            return failure.getMessage();
        }
        return "the virus scanner cannot be reached (" + failure.getClass().getSimpleName() + ")";
    }
}
