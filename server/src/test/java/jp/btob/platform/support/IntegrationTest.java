package jp.btob.platform.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import jp.btob.platform.demo.DemoData;
import jp.btob.platform.identity.mfa.Base32;
import jp.btob.platform.identity.mfa.Totp;
import jp.btob.platform.system.tls.TlsBundleRegistrar;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * The whole platform over HTTPS on a random port, on a PostgreSQL database of this test run's
 * own, seeded with the demo companies. Every exchange made through {@link #client()} is checked
 * against the spec files once its body has been read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestClockConfiguration.class, Fixtures.class, IncidentMailTestConfiguration.class})
public abstract class IntegrationTest {

    protected static final String DATABASE = TestDatabase.create("it");

    protected static final Path DATA_DIR = tempDirectory();

    /** The authenticator secrets of the operators signed in so far, by login ID in lower case. */
    private static final Map<String, String> OPERATOR_SECRETS =
            new ConcurrentHashMap<>(Map.of(DemoData.OPERATOR.loginId(), DemoData.OPERATOR_TOTP_SECRET));

    @LocalServerPort
    protected int port;

    @Autowired
    protected TlsBundleRegistrar tls;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected Fixtures fixtures;

    @Autowired
    protected RecordingIncidentMailer incidentMails;

    @DynamicPropertySource
    static void platformProperties(DynamicPropertyRegistry registry) {
        registry.add("btob.demo.seed", () -> "true");
        sharedSettings().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** What every instance of the platform in this test run is told: one database, data directory and receivers. */
    private static Map<String, Object> sharedSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("btob.data-dir", DATA_DIR.toString());
        settings.put("btob.notify.smtp.host", "127.0.0.1");
        settings.put("btob.notify.smtp.port", Receivers.mail().getSmtp().getPort());
        settings.put("btob.notify.webhook.ca-certificates", Receivers.caCertificate().toString());
        settings.put("btob.sms.gateway-url", "http://127.0.0.1:" + Receivers.sms().port() + "/messages");
        settings.put("btob.sms.api-key", "test-sms-key");
        settings.put("btob.sms.retry-wait", "10ms");
        // The single sign-on tests' OpenID Connect provider runs on plain HTTP on this machine.
        settings.put("btob.sso.allow-insecure-issuers", "true");
        // The test clamd: reached once a test has started it (Clamd.start); until then files stay pending-scan.
        settings.put("btob.clamav.host", "127.0.0.1");
        settings.put("btob.clamav.port", Clamd.PORT);
        settings.put("btob.clamav.timeout", "10s");
        // Tests rescan when they choose to (RescanJob#rescan).
        settings.put("btob.attachments.rescan-interval", "0");
        // The suite sends everything from one address and a few sessions; the rate limits' own tests set small ones.
        for (String limit : List.of("auth.address", "write.address", "write.caller", "write.company", "read.address",
                "read.caller", "read.company")) {
            settings.put("btob.rate-limit." + limit, "1000000/1m");
        }
        if (DATABASE != null) {
            // The URL form, as SPRING_R2DBC_URL would give it.
            settings.put("btob.db.url", TestDatabase.r2dbcUrl(DATABASE));
            settings.put("btob.db.password", TestDatabase.password());
        }
        return settings;
    }

    /** Starts a second instance of the platform on this test's database and clock; close it when done. */
    protected SecondInstance secondInstance() {
        return secondInstance(Map.of());
    }

    /** A second instance told these settings besides the shared ones, such as a setting the first has not. */
    protected SecondInstance secondInstance(Map<String, Object> settings) {
        Map<String, Object> all = sharedSettings();
        all.putAll(settings);
        return SecondInstance.start(all, clock, trustingSslContext());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    protected String baseUrl() {
        return "https://localhost:" + port;
    }

    /** A client that trusts the server's self-signed certificate and checks every exchange against the spec. */
    protected WebTestClient client() {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create()
                        .secure(spec -> spec.sslContext(trustingSslContext()))))
                .baseUrl(baseUrl())
                .responseTimeout(Duration.ofSeconds(15))
                .entityExchangeResultConsumer(IntegrationTest::checkContract)
                .build();
    }

    /** A client that sends this session token as a bearer token on every request. */
    protected WebTestClient client(String token) {
        return client().mutate().defaultHeader("Authorization", "Bearer " + token).build();
    }

    /** Logs a demo user in and answers the session token. */
    protected String login(String loginId) {
        return login(loginId, DemoData.PASSWORD);
    }

    protected String login(String loginId, String password) {
        return (String) loginSession(loginId, password).get("token");
    }

    /**
     * Logs a platform operator in at the operators' login, with the password and then the
     * authenticator app's code, enrolling the app on the operator's first login; answers the
     * session token.
     */
    protected String operatorLogin(String loginId) {
        Map<String, Object> challenge = operatorChallenge(loginId, DemoData.PASSWORD);
        Map<?, ?> enrolment = (Map<?, ?>) challenge.get("totpEnrolment");
        String key = loginId.toLowerCase(Locale.ROOT);
        if (enrolment != null) {
            OPERATOR_SECRETS.put(key, (String) enrolment.get("secret"));
        }
        // Tests sign one operator in many times within one 30-second step; the replay guard has tests of its own.
        new Sql(DATABASE).update("UPDATE operator_mfa SET totp_last_step = NULL"
                + " WHERE operator_id = (SELECT id FROM operator_account WHERE lower(login_id) = ?)", key);
        return (String) client().post().uri("/api/v1/operator/auth/mfa")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("challengeId", challenge.get("challengeId"), "code", totpCode(OPERATOR_SECRETS.get(key))))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("token");
    }

    /** The first step of an operator login: the challenge a right password earns. */
    protected Map<String, Object> operatorChallenge(String loginId, String password) {
        return client().post().uri("/api/v1/operator/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password))
                .exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult()
                .getResponseBody();
    }

    /** The authenticator secret of an operator signed in through {@link #operatorLogin}. */
    protected static String operatorSecret(String loginId) {
        return OPERATOR_SECRETS.get(loginId.toLowerCase(Locale.ROOT));
    }

    /** The code an authenticator app with this base32 secret shows now, by the platform's clock. */
    protected String totpCode(String base32Secret) {
        return Totp.code(Base32.decode(base32Secret), Totp.step(clock.instant()), 6);
    }

    /** Logs in and answers the whole session body. */
    protected Map<?, ?> loginSession(String loginId, String password) {
        return client().post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    protected Path serverCertificate() {
        return tls.selfSignedCertificate();
    }

    protected SslContext trustingSslContext() {
        try {
            return SslContextBuilder.forClient().trustManager(serverCertificate().toFile()).build();
        }
        catch (SSLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A JDK {@code SSLContext} that trusts the server's certificate, for JSSE sockets and {@code java.net.http}. */
    protected SSLContext trustingJdkSslContext() {
        return TrustedCertificate.sslContext(serverCertificate());
    }

    static void checkContract(EntityExchangeResult<?> result) {
        List<String> problems = ContractValidator.instance().validate(ContractValidator.Exchange.of(
                result.getMethod().name(), result.getUrl(), result.getRequestHeaders(), result.getRequestBodyContent(),
                result.getStatus().value(), result.getResponseHeaders(), result.getResponseBodyContent()));
        if (!problems.isEmpty()) {
            throw new AssertionError("The exchange " + result.getMethod() + " " + result.getUrl().getRawPath()
                    + " -> " + result.getStatus() + " drifts from the spec:\n  " + String.join("\n  ", problems));
        }
    }

    private static Path tempDirectory() {
        try {
            Path dir = Files.createTempDirectory("btob-test-");
            dir.toFile().deleteOnExit();
            return dir;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
