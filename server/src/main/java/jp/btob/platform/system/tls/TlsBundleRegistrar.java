package jp.btob.platform.system.tls;

import java.nio.file.Path;
import java.time.Clock;

import jp.btob.platform.system.PlatformProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.stereotype.Component;

/**
 * Registers the SSL bundle that the HTTPS server uses ({@code server.ssl.bundle}): the
 * configured certificate, or a self-signed one made on first run, with the TLS policy's protocols.
 */
@Component
public class TlsBundleRegistrar implements SslBundleRegistrar {

    public static final String BUNDLE = "btob-server";

    private static final Logger log = LoggerFactory.getLogger(TlsBundleRegistrar.class);

    private final TlsProperties properties;

    private final PlatformProperties platform;

    private final Clock clock;

    public TlsBundleRegistrar(TlsProperties properties, PlatformProperties platform, Clock clock) {
        this.properties = properties;
        this.platform = platform;
        this.clock = clock;
    }

    @Override
    public void registerBundles(SslBundleRegistry registry) {
        Path certificate = properties.configured() ? properties.certificate() : selfSignedCertificate();
        Path privateKey = properties.configured() ? properties.privateKey() : selfSignedKey();
        if (!properties.configured() && SelfSignedCertificate.needsRenewal(certificate, clock.instant())) {
            SelfSignedCertificate.create(certificate, privateKey, clock.instant());
            log.warn("No certificate is configured: created a self-signed one for localhost at {}. "
                    + "Set btob.tls.certificate and btob.tls.private-key for a real one.", certificate);
        }
        PemSslStoreDetails keyStore = PemSslStoreDetails.forCertificate(certificate.toUri().toString())
                .withPrivateKey(privateKey.toUri().toString());
        registry.registerBundle(BUNDLE, SslBundle.of(new PemSslStoreBundle(keyStore, null), SslBundleKey.NONE,
                TlsPolicy.options()));
    }

    /** Where the self-signed certificate is kept; clients of a demo server can trust this file. */
    public Path selfSignedCertificate() {
        return platform.dataDir().resolve("tls").resolve("localhost.crt");
    }

    private Path selfSignedKey() {
        return platform.dataDir().resolve("tls").resolve("localhost.key");
    }
}
