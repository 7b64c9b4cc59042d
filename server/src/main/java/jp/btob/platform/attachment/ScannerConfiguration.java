package jp.btob.platform.attachment;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The virus scanner with its circuit breaker, from {@link ClamavProperties}. */
@Configuration(proxyBeanMethods = false)
class ScannerConfiguration {

    /** The scanner's circuit; a bean so that its state can be read (and, in tests, reset). */
    @Bean
    CircuitBreaker clamavCircuitBreaker(ClamavProperties properties) {
        return CircuitBreaker.of("clamav", properties.circuit().config(failure -> true));
    }

    @Bean
    VirusScanner virusScanner(ClamavProperties properties, CircuitBreaker clamavCircuitBreaker) {
        ClamdClient client = properties.configured()
                ? new ClamdClient(properties.host(), properties.port(), properties.timeout())
                : null;
        return new VirusScanner(client, clamavCircuitBreaker);
    }
}
