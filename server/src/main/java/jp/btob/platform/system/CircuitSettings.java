package jp.btob.platform.system;

import java.time.Duration;
import java.util.function.Predicate;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * When the circuit to a third party (an SMS gateway, an identity provider) opens and for how
 * long: once {@code failureRate} per cent of the last {@code window} calls (at least
 * {@code minCalls}) failed, no call is made for {@code openFor}.
 */
public record CircuitSettings(Integer failureRate, Integer window, Integer minCalls, Duration openFor) {

    public CircuitSettings {
        failureRate = failureRate == null ? 50 : failureRate;
        window = window == null ? 10 : window;
        minCalls = minCalls == null ? 4 : minCalls;
        openFor = openFor == null ? Duration.ofSeconds(60) : openFor;
    }

    public static CircuitSettings defaults() {
        return new CircuitSettings(null, null, null, null);
    }

    /** The circuit's configuration; {@code outage} tells the failures that count against the third party. */
    public CircuitBreakerConfig config(Predicate<Throwable> outage) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(window)
                .minimumNumberOfCalls(minCalls)
                .failureRateThreshold(failureRate)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(outage)
                .build();
    }
}
