package jp.btob.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BtobClientBuilderTest {

    @Test
    @DisplayName("[PLT-SDK] a client without a baseUrl fails to build")
    void baseUrlIsRequired() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BtobClient.builder().build())
                .withMessageContaining("baseUrl is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BtobClient.builder().baseUrl(" ").build())
                .withMessageContaining("baseUrl is required");
    }

    @Test
    @DisplayName("[PLT-SDK] a relative or malformed baseUrl fails to build")
    void baseUrlMustBeAbsolute() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BtobClient.builder().baseUrl("/api").build())
                .withMessageContaining("baseUrl must be an absolute URL");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BtobClient.builder().baseUrl("https://local host").build())
                .withMessageContaining("baseUrl is not a valid URL");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BtobClient.builder().baseUrl("https://localhost:8443/?x=1").build())
                .withMessageContaining("must not have a query");
    }

    @Test
    @DisplayName("[PLT-SDK] a plain http baseUrl needs allowInsecureHttp")
    void httpNeedsAllowInsecureHttp() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BtobClient.builder().baseUrl("http://localhost:8080").build())
                .withMessageContaining("baseUrl must use https")
                .withMessageContaining("allowInsecureHttp()");

        assertThat(BtobClient.builder().baseUrl("http://localhost:8080").allowInsecureHttp().build()).isNotNull();
    }

    @Test
    @DisplayName("[PLT-SDK] a baseUrl with another scheme fails to build")
    void otherSchemesFail() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BtobClient.builder().baseUrl("ftp://localhost").allowInsecureHttp().build())
                .withMessageContaining("baseUrl must use https");
    }

    @Test
    @DisplayName("[PLT-SDK] a negative, zero or missing timeout fails to build")
    void timeoutsMustBePositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> https().connectTimeout(Duration.ofSeconds(-1)).build())
                .withMessage("connectTimeout must be positive (at least 1 ms), was PT-1S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> https().responseTimeout(Duration.ZERO).build())
                .withMessage("responseTimeout must be positive (at least 1 ms), was PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> https().responseTimeout(null).build())
                .withMessage("responseTimeout is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> https().connectTimeout(Duration.ofDays(30)).build())
                .withMessageContaining("connectTimeout must be at most");
    }

    @Test
    @DisplayName("[PLT-SDK] a client builds with every setting given")
    void buildsWithEverySetting() {
        BtobClient client = https()
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(5))
                .bearerToken("token")
                .build();

        assertThat(client.auth().getApiClient()).isSameAs(client.me().getApiClient())
                .isSameAs(client.companies().getApiClient())
                .isSameAs(client.partners().getApiClient());
        assertThat(client.me().getApiClient().getBasePath()).isEqualTo("https://localhost:8443");
    }

    @Test
    @DisplayName("[PLT-SDK] a trailing slash on the baseUrl is dropped")
    void trailingSlashIsDropped() {
        BtobClient client = BtobClient.builder().baseUrl("https://localhost:8443/").build();

        assertThat(client.me().getApiClient().getBasePath()).isEqualTo("https://localhost:8443");
    }

    @Test
    @DisplayName("[PLT-SDK] a blank bearer token fails to build")
    void blankBearerTokenFails() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> https().bearerToken(" ").build())
                .withMessage("bearerToken must not be blank");
    }

    @Test
    @DisplayName("[PLT-SDK] a trusted certificate that is missing or not PEM fails to build")
    void trustCertificateMustBeReadable(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.pem");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> https().trustCertificate(missing).build())
                .withMessageContaining("trustCertificate: cannot use " + missing);

        Path notPem = Files.writeString(dir.resolve("not.pem"), "not a certificate");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> https().trustCertificate(notPem).build())
                .withMessageContaining("trustCertificate");
    }

    @Test
    @DisplayName("[PLT-SDK] a trusted certificate needs an https baseUrl")
    void trustCertificateNeedsHttps(@TempDir Path dir) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BtobClient.builder().baseUrl("http://localhost:8080").allowInsecureHttp()
                        .trustCertificate(dir.resolve("server.pem")).build())
                .withMessageContaining("trustCertificate needs an https baseUrl");
    }

    private static BtobClient.Builder https() {
        return BtobClient.builder().baseUrl("https://localhost:8443");
    }
}
