package jp.btob.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/** Against a loopback HTTPS server whose self-signed certificate keytool makes for the test. */
class BtobClientTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    static Path serverPem;
    static StubServer server;

    @BeforeAll
    static void start() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        serverPem = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(),
                "-storepass", "changeit", "-file", serverPem.toString());

        server = StubServer.https(serverTls(keyStore))
                .answer("POST", "/api/v1/auth/login", 200, "application/json",
                        "{\"token\":\"tok-tls\",\"tokenType\":\"Bearer\",\"expiresAt\":\"2026-11-25T09:30:00Z\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("[PLT-SDK] a trusted self-signed certificate lets the client reach the demo server")
    void trustsGivenCertificate() {
        BtobClient client = BtobClient.builder().baseUrl(server.baseUrl()).trustCertificate(serverPem).build();

        assertThat(client.login("buyer-admin", "Demo#2026pass").block(WAIT).getToken()).isEqualTo("tok-tls");
    }

    @Test
    @DisplayName("[PLT-SDK] without trustCertificate a self-signed server is refused, at once: a retry cannot mend TLS")
    void refusesUnknownCertificate() {
        BtobClient client = BtobClient.builder().baseUrl(server.baseUrl()).build();

        assertThatThrownBy(() -> client.login("buyer-admin", "Demo#2026pass").block(WAIT))
                .isInstanceOfSatisfying(BtobConnectionException.class, error -> assertThat(error.getAttempts()).isEqualTo(1))
                .hasCauseInstanceOf(WebClientRequestException.class)
                .satisfies(error -> assertThat(causes(error)).hasAtLeastOneElementOfType(SSLHandshakeException.class));
    }

    @Test
    @DisplayName("[PLT-SDK] the trusted certificate is added to the JDK's trusted CAs, not in their place")
    void keepsJdkTrust() throws IOException, GeneralSecurityException {
        X509TrustManager trust = (X509TrustManager) Arrays.stream(
                TrustedCertificates.withPemFile(serverPem).getTrustManagers())
                .filter(X509TrustManager.class::isInstance).findFirst().orElseThrow();
        X509Certificate pem;
        try (InputStream in = Files.newInputStream(serverPem)) {
            pem = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }

        assertThat(trust.getAcceptedIssuers()).contains(pem).hasSizeGreaterThan(1);
    }

    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static SSLContext serverTls(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return tls;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
