package jp.btob.platform.sso;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import javax.net.ssl.SSLException;

import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import jp.btob.platform.system.tls.TlsPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/** The calls to identity providers: one client with time limits and no redirects, one circuit per provider. */
@Configuration(proxyBeanMethods = false)
class ProviderCallConfiguration {

    @Bean
    ProviderCalls providerCalls(SsoProperties properties) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
                .responseTimeout(properties.timeout())
                .followRedirect(false)
                .secure(spec -> spec.sslContext(sslContext()));
        WebClient client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                // Discovery documents, key sets and metadata are small; a provider answering more is refused.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(256 * 1024))
                .build();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(properties.circuit().config(ProviderCalls::outage));
        return new ProviderCalls(client, breakers, properties.timeout());
    }

    /** TLS 1.2 and 1.3 only, trusting the JDK's certificate authorities. */
    private static SslContext sslContext() {
        try {
            return SslContextBuilder.forClient().protocols(TlsPolicy.PROTOCOLS).build();
        }
        catch (SSLException ex) {
            throw new IllegalStateException("Cannot set up TLS for calls to identity providers", ex);
        }
    }
}
