package jp.btob.platform.system.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import jp.btob.platform.support.TestClockConfiguration;
import jp.btob.platform.support.TestDatabase;
import jp.btob.platform.system.tls.TlsBundleRegistrar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Liveness and readiness on a platform of their own, configured with the {@code BTOB_DB_*}
 * settings, whose database is then taken away.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
class ProbeTests {

    private static final String DATABASE = TestDatabase.create("probe");

    private static final Path DATA_DIR = tempDirectory();

    @LocalServerPort
    int port;

    @Autowired
    TlsBundleRegistrar tls;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("btob.data-dir", DATA_DIR::toString);
        registry.add("btob.demo.seed", () -> "false");
        if (DATABASE != null) {
            registry.add("btob.db.host", () -> "127.0.0.1");
            registry.add("btob.db.port", () -> "5432");
            registry.add("btob.db.name", () -> DATABASE);
            registry.add("btob.db.username", () -> "postgres");
        }
    }

    @Test
    @DisplayName("[OPS-MON] readiness goes down while the database is unreachable; liveness stays up")
    void readinessWhenDatabaseGoneThenDown() {
        assumeTrue(DATABASE != null, "needs the PostgreSQL at 127.0.0.1:5432");
        WebTestClient client = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create()
                        .secure(spec -> spec.sslContext(sslContext()))))
                .baseUrl("https://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");

        TestDatabase.drop(DATABASE);

        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(503).expectBody().jsonPath("$.status").isEqualTo("DOWN");
        client.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    private SslContext sslContext() {
        try {
            return SslContextBuilder.forClient().trustManager(tls.selfSignedCertificate().toFile()).build();
        }
        catch (SSLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("btob-probe-");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
