package jp.btob.platform.notify;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/** One circuit breaker per endpoint (a webhook URL, the SMTP server), made on first use. */
class Breakers {

    private final CircuitBreakerRegistry registry;

    private final Duration openFor;

    Breakers(NotifyProperties.Circuit circuit) {
        this.openFor = circuit.openFor();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(circuit.window())
                .minimumNumberOfCalls(circuit.minCalls())
                .failureRateThreshold(circuit.failureRate())
                .waitDurationInOpenState(circuit.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                // A removed endpoint says nothing about the receiver's health.
                .ignoreExceptions(WebhookSender.Gone.class)
                .build());
    }

    CircuitBreaker of(String endpoint) {
        return registry.circuitBreaker(endpoint);
    }

    /** How long rows wait while their endpoint's circuit is open. */
    Duration openFor() {
        return openFor;
    }
}
