package jp.btob.platform.system.tls;

import java.util.Set;

import org.springframework.boot.ssl.SslOptions;

/**
 * The one place that says which TLS the server speaks. Protocols below TLS 1.2 are refused
 * in the handshake (whitepaper 2-2-2).
 */
public final class TlsPolicy {

    public static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    private TlsPolicy() {
    }

    static SslOptions options() {
        return SslOptions.of(null, PROTOCOLS);
    }
}
