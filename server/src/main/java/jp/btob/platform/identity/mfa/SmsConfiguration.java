package jp.btob.platform.identity.mfa;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.netty.channel.ChannelOption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/** The SMS gateway with its circuit breaker and retry, from {@link SmsProperties}. */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

    /** The gateway's circuit; a bean so that its state can be read (and, in tests, reset). */
    @Bean
    CircuitBreaker smsCircuitBreaker(SmsProperties properties) {
        return CircuitBreaker.of("sms-gateway", properties.circuit().config(HttpSmsGateway::outage));
    }

    @Bean
    SmsGateway smsGateway(SmsProperties properties, CircuitBreaker smsCircuitBreaker) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
                .responseTimeout(properties.timeout())
                .followRedirect(false);
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        Retry retry = Retry.of("sms-gateway", RetryConfig.custom()
                .maxAttempts(properties.retryAttempts())
                .waitDuration(properties.retryWait())
                .retryOnException(HttpSmsGateway::outage)
                .build());
        return new HttpSmsGateway(client, properties, smsCircuitBreaker, retry);
    }
}
