package jp.btob.platform.sso;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A company's identity provider. {@code oidc} is set for kind {@code OIDC}, {@code saml} for
 * {@code SAML}. {@code loginAttribute}: the claim or attribute holding the login ID, null for
 * the default ({@code email}, the NameID). {@code jitRoleId}: the role of users provisioned
 * just in time, null when none is set (or it was deleted), {@code jitRoleKey} its built-in key.
 */
public record IdentityProvider(UUID id, UUID companyId, Kind kind, String name, boolean enabled, String loginAttribute,
                               boolean jitEnabled, UUID jitRoleId, String jitRoleKey, OidcSettings oidc,
                               SamlSettings saml, Instant createdAt, Instant updatedAt) {

    public IdentityProvider withOidc(OidcSettings settings) {
        return new IdentityProvider(id, companyId, kind, name, enabled, loginAttribute, jitEnabled, jitRoleId, jitRoleKey,
                settings, saml, createdAt, updatedAt);
    }

    public enum Kind {
        OIDC, SAML
    }

    /**
     * {@code clientSecret} is decrypted only for a sign-in ({@link IdentityProviders#find}), and
     * null everywhere else. {@code scopes} start with {@code openid}.
     */
    public record OidcSettings(String issuer, String clientId, String clientSecret, List<String> scopes) {

        public OidcSettings {
            scopes = List.copyOf(scopes);
        }
    }

    /** {@code certificates}: the provider's signing certificates, PEM, more than one during a rollover. */
    public record SamlSettings(String idpEntityId, String ssoUrl, List<String> certificates, String metadataUrl,
                               boolean allowUnsolicited) {

        public SamlSettings {
            certificates = List.copyOf(certificates);
        }

        /** The certificates, checked as X.509 when they were saved. */
        public List<X509Certificate> x509Certificates() {
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                return certificates.stream().map(pem -> {
                    try {
                        return (X509Certificate) factory.generateCertificate(
                                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
                    }
                    catch (CertificateException ex) {
                        throw new IllegalStateException("A stored SAML certificate no longer parses", ex);
                    }
                }).toList();
            }
            catch (CertificateException ex) {
                throw new IllegalStateException("The JDK has no X.509 certificate factory", ex);
            }
        }
    }
}
