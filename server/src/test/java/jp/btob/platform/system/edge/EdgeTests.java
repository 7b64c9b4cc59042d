package jp.btob.platform.system.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.SecondInstance;
import jp.btob.platform.system.tls.PlainHttpRedirect;
import jp.btob.platform.system.tls.TlsPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The edge as a client meets it: cipher suites, HTTP/2, the plain-HTTP redirect and the security headers. */
class EdgeTests extends IntegrationTest {

    @Test
    @DisplayName("[SEC-CRYPTREC] a client offering only CBC, RSA key exchange, SHA-1 MAC or ChaCha20-Poly1305 suites is refused in the handshake; one offering ECDHE with AES-GCM is accepted")
    void handshakeWhenSuiteOutsideCryptrecThenRefused() throws Exception {
        for (String suite : List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
                "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")) {
            assertThatThrownBy(() -> handshake("TLSv1.2", suite)).as(suite).isInstanceOf(SSLHandshakeException.class);
        }
        assertThatThrownBy(() -> handshake("TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256"))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"))
                .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        assertThat(handshake("TLSv1.3", "TLS_AES_128_GCM_SHA256")).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(TlsPolicy.CIPHER_SUITES).allSatisfy(suite -> assertThat(suite).contains("_GCM_"));
    }

    @Test
    @DisplayName("[SEC-TLS] a client offering HTTP/2 gets HTTP/2 over TLS (ALPN h2); one offering only HTTP/1.1 still gets an answer")
    void clientWhenOfferingHttp2ThenHttp2() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().sslContext(trustingJdkSslContext()).version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http2.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/livez")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);

        HttpClient http11 = HttpClient.newBuilder().sslContext(trustingJdkSslContext()).version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> old = http11.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/livez")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(old.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(old.statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("[SEC-TLS] the optional plain-HTTP port answers only a 308 to the same path and query on HTTPS; a forged Host gets 400, not a redirect elsewhere")
    void plainHttpPortThenRedirectOnly() throws Exception {
        try (SecondInstance redirecting = secondInstance(Map.of("btob.http.redirect-port", "0"))) {
            int plain = redirecting.bean(PlainHttpRedirect.class).port();
            int https = redirecting.port();
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

            HttpResponse<String> redirect = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + plain + "/api/v1/audit?action=auth.login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(redirect.statusCode()).isEqualTo(308);
            assertThat(redirect.headers().firstValue("Location"))
                    .hasValue("https://localhost:" + https + "/api/v1/audit?action=auth.login");
            assertThat(redirect.body()).isEmpty();

            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain + "/api/v1/auth/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(308);
            assertThat(post.headers().firstValue("Location")).hasValue("https://127.0.0.1:" + https + "/api/v1/auth/login");

            assertThat(rawStatusLine(plain, "evil.example/path")).contains(" 400 ");
            assertThat(rawStatusLine(plain, "evil.example@attacker")).contains(" 400 ");
        }
    }

    @Test
    @DisplayName("[SEC-TLS] security headers on every response: nosniff and no-referrer everywhere, no-store on the API, a strict CSP forbidding framing on Swagger UI; answers given before Spring Security (a firewall block) included")
    void everyResponseThenSecurityHeaders() {
        String token = login("buyer-staff");
        List<EntityExchangeResult<byte[]>> api = List.of(
                client(token).get().uri("/api/v1/me").exchange().expectStatus().isOk().expectBody().returnResult(),
                client().get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized().expectBody().returnResult(),
                client().get().uri("/api/v1/me").header("X-Note", "<script>alert(1)</script>").exchange()
                        .expectStatus().isForbidden().expectBody().returnResult(),
                client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{")
                        .exchange().expectStatus().isBadRequest().expectBody().returnResult());
        for (EntityExchangeResult<byte[]> result : api) {
            assertThat(result.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(result.getResponseHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(result.getResponseHeaders().get("Cache-Control")).containsExactly("no-store");
        }

        EntityExchangeResult<byte[]> page = client().get().uri("/swagger-ui/index.html").exchange()
                .expectStatus().isOk().expectBody().returnResult();
        String csp = page.getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'")
                .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
        assertThat(page.getResponseHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        String html = new String(page.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(html).as("Swagger UI runs under the CSP: no inline script").doesNotContainPattern("<script>(?s).*\\S.*</script>");
    }

    private String handshake(String protocol, String suite) throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingJdkSslContext().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(10000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setEnabledCipherSuites(new String[] {suite});
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }

    private static String rawStatusLine(int port, String host) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(64);
            return new String(answer, StandardCharsets.US_ASCII);
        }
    }
}
