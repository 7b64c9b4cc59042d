package jp.btob.platform.system.tls;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The TLS policy as a client meets it on the wire: plain JSSE sockets to the live server. The test JVM
 * re-enables TLS 1.0 and 1.1 (see {@code legacy-tls-client.security}), so a refused handshake is the server's doing.
 */
class TlsPolicyTests extends IntegrationTest {

    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

    /** JSSE's message when the client itself cannot offer the protocol: nothing reached the server. */
    private static final String CLIENT_SIDE_REFUSAL = "No appropriate protocol";

    @Test
    @DisplayName("[SEC-TLS] the test client really offers TLS 1.0 and 1.1, so that their refusal below proves the server's policy")
    void clientJvmCanOfferLegacyProtocols() throws Exception {
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (disabled != null && Arrays.stream(disabled.split(",")).map(String::trim)
                .anyMatch(entry -> entry.equals("TLSv1.1") || entry.equals("TLSv1"))) {
            fail("The test JVM disables TLS 1.0/1.1 (jdk.tls.disabledAlgorithms=" + disabled + "): start it with "
                    + "-Djava.security.properties=src/test/resources/legacy-tls-client.security, as surefire's argLine does");
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustServer().getTrustManagers(), null);
        assertThat(context.getSupportedSSLParameters().getProtocols()).contains("TLSv1.1", "TLSv1", "TLSv1.2", "TLSv1.3");
        assertThat(context.getDefaultSSLParameters().getProtocols()).as("offered by default, not disabled")
                .contains("TLSv1.1", "TLSv1");

        // The positive control: the very client configuration that the platform refuses completes a
        // TLS 1.0 and a TLS 1.1 handshake with a server that allows them.
        try (LegacyServer legacy = new LegacyServer()) {
            assertThat(handshake(legacy.port(), "TLSv1.1").getProtocol()).isEqualTo("TLSv1.1");
        }
        try (LegacyServer legacy = new LegacyServer()) {
            assertThat(handshake(legacy.port(), "TLSv1").getProtocol()).isEqualTo("TLSv1");
        }
    }

    @Test
    @DisplayName("[SEC-TLS] a TLS 1.1-only client is refused in the handshake")
    void handshakeWhenTls11OnlyThenRefused() {
        assertRefusedByServer("TLSv1.1");
    }

    @Test
    @DisplayName("[SEC-TLS] a TLS 1.0-only client is refused in the handshake")
    void handshakeWhenTls10OnlyThenRefused() {
        assertRefusedByServer("TLSv1");
    }

    @Test
    @DisplayName("[SEC-TLS] a client offering TLS 1.0 and 1.1 alone is refused; offering 1.1 and 1.2 gets 1.2")
    void handshakeWhenLegacyOfferedThenNeverNegotiated() throws Exception {
        assertRefusedByServer("TLSv1", "TLSv1.1");
        assertThat(handshake(port, "TLSv1.1", "TLSv1.2").getProtocol()).isEqualTo("TLSv1.2");
        assertThat(handshake(port, "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3").getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    @DisplayName("[SEC-TLS] a TLS 1.2-only client completes the handshake and is shown the platform's certificate")
    void handshakeWhenTls12OnlyThenAccepted() throws Exception {
        SSLSession session = handshake(port, "TLSv1.2");
        assertThat(session.getProtocol()).isEqualTo("TLSv1.2");
        assertThat(session.getPeerCertificates()[0]).isEqualTo(certificate());
    }

    @Test
    @DisplayName("[SEC-TLS] a TLS 1.3-only client completes the handshake")
    void handshakeWhenTls13OnlyThenAccepted() throws Exception {
        SSLSession session = handshake(port, "TLSv1.3");
        assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
        assertThat(session.getPeerCertificates()[0]).isEqualTo(certificate());
    }

    @Test
    @DisplayName("[SEC-TLS] plain HTTP on the HTTPS port gets no HTTP answer")
    void plainHttpOnTlsPortThenNoHttpAnswer() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(10000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readSome(socket.getInputStream());
            assertThat(answer).as("what came back on the TLS port").doesNotContain("HTTP/");
        }
    }

    @Test
    @DisplayName("[SEC-TLS] HSTS for a year with subdomains on successes, 401s, 404s and other errors alike")
    void everyResponseCarriesHsts() {
        String token = login("buyer-staff");
        assertHsts(client().post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", "buyer-staff", "password", DemoData.PASSWORD))
                .exchange().expectStatus().isOk().expectBody().returnResult());
        assertHsts(client(token).get().uri("/api/v1/me")
                .exchange().expectStatus().isOk().expectBody().returnResult());
        assertHsts(client().post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", "buyer-staff", "password", "wrong"))
                .exchange().expectStatus().isUnauthorized().expectBody().returnResult());
        assertHsts(client().get().uri("/api/v1/me")
                .exchange().expectStatus().isUnauthorized().expectBody().returnResult());
        assertHsts(client("garbage").get().uri("/api/v1/me")
                .exchange().expectStatus().isUnauthorized().expectBody().returnResult());
        assertHsts(client(token).get().uri("/api/v1/no-such-thing")
                .exchange().expectStatus().isNotFound().expectBody().returnResult());
        assertHsts(client().get().uri("/no-such-page")
                .exchange().expectStatus().isNotFound().expectBody().returnResult());
        assertHsts(client().get().uri("/v3/api-docs")
                .exchange().expectStatus().isNotFound().expectBody().returnResult());
        assertHsts(client(token).delete().uri("/api/v1/me")
                .exchange().expectStatus().isEqualTo(405).expectBody().returnResult());
        assertHsts(client().post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{")
                .exchange().expectStatus().isBadRequest().expectBody().returnResult());
        assertHsts(client(token).post().uri("/api/v1/auth/logout")
                .exchange().expectStatus().isNoContent().expectBody().returnResult());
    }

    @Test
    @DisplayName("[SEC-TLS] the self-signed certificate names localhost and 127.0.0.1 and uses ECDSA P-256 with SHA-256")
    void selfSignedCertificateHasSansAndP256() throws Exception {
        X509Certificate certificate = certificate();
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        assertThat(names).contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
        ECParameterSpec curve = ((ECPublicKey) certificate.getPublicKey()).getParams();
        AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
        p256.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
        assertThat(curve.getCurve()).isEqualTo(expected.getCurve());
        assertThat(curve.getGenerator()).isEqualTo(expected.getGenerator());
        assertThat(curve.getOrder()).isEqualTo(expected.getOrder());
        assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        certificate.checkValidity();

        // A client that checks host names accepts it under both names.
        assertThat(handshake("localhost", port, "TLSv1.3").getProtocol()).isEqualTo("TLSv1.3");
        assertThat(handshake("127.0.0.1", port, "TLSv1.2").getProtocol()).isEqualTo("TLSv1.2");
    }

    private void assertRefusedByServer(String... protocols) {
        assertThatThrownBy(() -> handshake(port, protocols))
                .as("a handshake offering only %s", Arrays.toString(protocols))
                .isInstanceOfAny(SSLException.class, SocketException.class, EOFException.class)
                .satisfies(failure -> assertThat(String.valueOf(failure.getMessage()))
                        .as("refused by the server, not by the client's own configuration")
                        .doesNotContain(CLIENT_SIDE_REFUSAL));
    }

    private static void assertHsts(EntityExchangeResult<byte[]> result) {
        String hsts = result.getResponseHeaders().getFirst("Strict-Transport-Security");
        String exchange = result.getMethod() + " " + result.getUrl().getRawPath() + " -> " + result.getStatus();
        assertThat(hsts).as("HSTS on %s", exchange).isNotNull();
        assertThat(result.getResponseHeaders().get("Strict-Transport-Security")).as("one HSTS header on %s", exchange)
                .hasSize(1);
        Matcher maxAge = MAX_AGE.matcher(hsts);
        assertThat(maxAge.find()).as("max-age in %s on %s", hsts, exchange).isTrue();
        assertThat(Long.parseLong(maxAge.group(1))).as("max-age on %s", exchange).isGreaterThanOrEqualTo(31_536_000L);
        assertThat(hsts).as("on %s", exchange).containsIgnoringCase("includeSubDomains");
    }

    private SSLSession handshake(int serverPort, String... protocols) throws Exception {
        return handshake("127.0.0.1", serverPort, protocols);
    }

    /** One handshake with only these protocols enabled, checking the host name as HTTPS clients do. */
    private SSLSession handshake(String host, int serverPort, String... protocols) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustServer().getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, serverPort)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(protocols);
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket.getSession();
        }
    }

    private TrustManagerFactory trustServer() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("btob-server", certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory;
    }

    private X509Certificate certificate() throws Exception {
        try (InputStream in = Files.newInputStream(serverCertificate())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String readSome(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            for (int n; (n = in.read(buffer)) != -1 && read.size() < 64 * 1024; ) {
                read.write(buffer, 0, n);
            }
        }
        catch (SocketException | SocketTimeoutException closed) {
            // Reset or silence: either way, no HTTP answer.
        }
        return read.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * A JSSE server on a free port with the platform's own key and certificate that allows only TLS 1.0
     * and 1.1: proof that the client configuration used here can speak them. It serves one handshake.
     */
    private final class LegacyServer implements AutoCloseable {

        private final SSLServerSocket socket;

        private final CompletableFuture<Void> served;

        LegacyServer() throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", privateKey(), new char[0], new Certificate[] {certificate()});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            socket = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
            socket.setEnabledProtocols(new String[] {"TLSv1", "TLSv1.1"});
            served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) socket.accept()) {
                    accepted.setSoTimeout(10_000);
                    accepted.startHandshake();
                }
                catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            try {
                served.get(15, TimeUnit.SECONDS);
            }
            finally {
                socket.close();
            }
        }

        private PrivateKey privateKey() throws Exception {
            Path file = serverCertificate().resolveSibling("localhost.key");
            String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
    }
}
