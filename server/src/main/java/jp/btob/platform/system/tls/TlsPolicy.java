package jp.btob.platform.system.tls;

import java.util.List;
import java.util.Set;

import org.springframework.boot.ssl.SslOptions;

/**
 * The one place that says which TLS the server speaks (whitepaper 2-2-1, 2-2-2): TLS 1.3 and 1.2
 * only, and only the cipher suites built from what the CRYPTREC e-Government Recommended Ciphers
 * List (CRYPTREC LS-0001-2022, 30 March 2023) recommends: AES with GCM for encryption and
 * authentication, SHA-256/384, and ephemeral (EC)DH key exchange for forward secrecy. Not offered:
 * CBC (the list's authenticated-encryption modes are GCM and CCM; CBC suites pad and MAC
 * separately), RSA key exchange (no forward secrecy), SHA-1, 3DES and RC4, and ChaCha20-Poly1305,
 * which the e-Government Recommended list does not contain. The JDK offers no CCM suites.
 */
public final class TlsPolicy {

    public static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    /** In the server's order of preference. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");

    private TlsPolicy() {
    }

    static SslOptions options() {
        return SslOptions.of(CIPHER_SUITES.toArray(String[]::new), PROTOCOLS.toArray(String[]::new));
    }
}
