package jp.btob.platform.system.tls;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The server's certificate. With neither set, the platform makes a self-signed certificate for
 * localhost on first run and keeps it in the data directory.
 *
 * @param certificate a PEM file with the certificate chain, leaf first
 * @param privateKey  a PEM file with the certificate's private key
 */
@ConfigurationProperties("btob.tls")
public record TlsProperties(Path certificate, Path privateKey) {

    public TlsProperties {
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException(
                    "Set both btob.tls.certificate and btob.tls.private-key, or neither to use a self-signed certificate");
        }
    }

    boolean configured() {
        return certificate != null;
    }
}
