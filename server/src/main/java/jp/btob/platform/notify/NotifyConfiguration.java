package jp.btob.platform.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.system.tls.TlsPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/** The outbox's parts, assembled from {@link NotifyProperties}. */
@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    @Bean
    AddressGuard addressGuard(NotifyProperties properties) {
        return new AddressGuard(properties.webhook().privateHosts());
    }

    @Bean
    WebhookEndpoints webhookEndpoints(WebhookEndpointRepository endpoints, NotificationRepository outbox,
                                      FieldEncryption encryption, NotifyProperties properties, Clock clock) {
        return new WebhookEndpoints(endpoints, outbox, encryption, properties.webhook().rotationOverlap(), clock);
    }

    @Bean
    DeliveryLog deliveryLog(NotificationRepository outbox) {
        return new DeliveryLog(outbox);
    }

    @Bean
    NotifyMetrics notifyMetrics(MeterRegistry registry) {
        return new NotifyMetrics(registry);
    }

    @Bean
    EmailSender emailSender(NotifyProperties properties) {
        return new EmailSender(properties.smtp(), properties.timeout());
    }

    @Bean
    DeliveryWorker deliveryWorker(NotificationRepository outbox, AddressGuard guard, WebhookEndpoints endpoints,
                                  NotifyMetrics metrics, NotifyProperties properties, EmailSender email, Clock clock) {
        WebhookSender webhooks = new WebhookSender(webClient(properties), guard, endpoints, properties.operators(), clock);
        return new DeliveryWorker(outbox, email, webhooks,
                new Breakers(properties.circuit()), metrics, properties, clock);
    }

    @Bean
    Notifications notifications(NotificationRepository outbox, DeliveryWorker worker, NotifyProperties properties,
                                Clock clock) {
        return new Notifications(outbox, worker, properties.operators(), clock);
    }

    /** Webhooks' own client: TLS 1.2+, the JDK's CAs plus any configured, time limits, no redirects. */
    private static WebClient webClient(NotifyProperties properties) {
        SslContext ssl = sslContext(properties.webhook());
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
                .responseTimeout(properties.timeout())
                .followRedirect(false)
                .secure(spec -> spec.sslContext(ssl));
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    private static SslContext sslContext(NotifyProperties.Webhook webhook) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().protocols(TlsPolicy.PROTOCOLS);
            if (webhook.caCertificates() != null) {
                List<X509Certificate> trusted = new ArrayList<>(Arrays.asList(jdkTrusted()));
                try (InputStream in = Files.newInputStream(webhook.caCertificates())) {
                    CertificateFactory.getInstance("X.509").generateCertificates(in)
                            .forEach(certificate -> trusted.add((X509Certificate) certificate));
                }
                builder.trustManager(trusted.toArray(X509Certificate[]::new));
            }
            return builder.build();
        }
        catch (SSLException | GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot set up TLS for webhooks", ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read btob.notify.webhook.ca-certificates (BTOB_WEBHOOK_CA_CERTIFICATES) "
                    + webhook.caCertificates(), ex);
        }
    }

    private static X509Certificate[] jdkTrusted() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
