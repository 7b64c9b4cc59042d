package jp.btob.platform.system.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SelfSignedCertificateTests {

    @TempDir
    Path dir;

    @Test
    @DisplayName("[SEC-TLS] a missing certificate is created, a fresh one is kept, one near its end is renewed")
    void needsRenewalWhenMissingOrExpiringThenTrue() {
        Path certificate = dir.resolve("localhost.crt");
        Path key = dir.resolve("localhost.key");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(SelfSignedCertificate.needsRenewal(certificate, now)).isTrue();

        SelfSignedCertificate.create(certificate, key, now);

        assertThat(SelfSignedCertificate.needsRenewal(certificate, now)).isFalse();
        assertThat(SelfSignedCertificate.needsRenewal(certificate, now.plus(Duration.ofDays(340)))).isTrue();
    }

    @Test
    @DisplayName("[SEC-TLS] the private key file is readable by its owner only")
    void createThenKeyIsOwnerOnly() throws Exception {
        Path key = dir.resolve("localhost.key");
        SelfSignedCertificate.create(dir.resolve("localhost.crt"), key, Instant.now());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    @DisplayName("[SEC-TLS] an unreadable certificate file is replaced")
    void needsRenewalWhenGarbageThenTrue() throws Exception {
        Path certificate = dir.resolve("localhost.crt");
        Files.writeString(certificate, "not a certificate");
        assertThat(SelfSignedCertificate.needsRenewal(certificate, Instant.now())).isTrue();
    }
}
