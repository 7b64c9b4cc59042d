package jp.btob.platform.support;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.ssl.SslContext;
import jp.btob.platform.BtobPlatformApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * Another instance of the platform beside the test's own: the same database, data directory
 * (so the same master key and certificate) and receivers, its own port, and the test's clock,
 * so that moving time moves it on both. Shows that no state that matters lives in an instance
 * (DR-HA). Close it at the end of the test; {@link IntegrationTest#secondInstance()} starts one.
 */
public final class SecondInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private final SslContext trust;

    private SecondInstance(ConfigurableApplicationContext context, SslContext trust) {
        this.context = context;
        this.trust = trust;
    }

    /** Starts an instance with the given settings on top of the test resources' own, sharing {@code clock}. */
    static SecondInstance start(Map<String, Object> settings, MutableClock clock, SslContext trust) {
        Map<String, Object> properties = new LinkedHashMap<>(settings);
        properties.put("server.port", 0);
        properties.put("management.server.port", 0);
        // Its meters stay its own: in Micrometer's global registry they would reach the first instance's scrape.
        properties.put("management.metrics.use-global-registry", false);
        // The first instance seeded the demo data already.
        properties.put("btob.demo.seed", "false");
        // As command-line arguments: default properties would lose to application.yml's own values.
        String[] arguments = properties.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BtobPlatformApplication.class)
                .initializers(ctx -> {
                    GenericApplicationContext generic = (GenericApplicationContext) ctx;
                    generic.registerBean("sharedTestClock", Clock.class, () -> clock, definition -> definition.setPrimary(true));
                    // Event loops of its own: closing an instance on Reactor Netty's global ones would stop the first instance's servers.
                    generic.registerBean("ownReactorResources", ReactorResourceFactory.class, SecondInstance::ownResources);
                })
                .run(arguments);
        return new SecondInstance(context, trust);
    }

    private static ReactorResourceFactory ownResources() {
        ReactorResourceFactory resources = new ReactorResourceFactory();
        resources.setUseGlobalResources(false);
        return resources;
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A client of this instance, checked against the spec like {@link IntegrationTest#client()}. */
    public WebTestClient client() {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create()
                        .secure(spec -> spec.sslContext(trust))))
                .baseUrl("https://localhost:" + port())
                .responseTimeout(Duration.ofSeconds(15))
                .entityExchangeResultConsumer(IntegrationTest::checkContract)
                .build();
    }

    public WebTestClient client(String token) {
        return client().mutate().defaultHeader("Authorization", "Bearer " + token).build();
    }

    /** A bean of this instance, to look at what it holds in memory. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
