package jp.btob.platform.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.xml.crypto.dsig.SignatureMethod;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A SAML identity provider of the tests' own: an RSA key with a self-signed certificate and an
 * entity ID, which builds and signs responses ({@link SamlResponseBuilder}) that tests then
 * bend into the attacks they prove refused.
 */
public final class SamlIdp {

    /** Where the platform sends browsers with its AuthnRequests; no one answers there, the tests play the IdP. */
    public static final String SSO_URL = "https://idp.example/saml/sso?tenant=t1";

    private final String entityId;

    private final KeyPair keys;

    private final X509Certificate certificate;

    private SamlIdp(String entityId, KeyPair keys, X509Certificate certificate) {
        this.entityId = entityId;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new IdP with a fresh 2048-bit RSA key. */
    public static SamlIdp create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            String entityId = "https://idp.example/" + UUID.randomUUID();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=Test IdP");
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return new SamlIdp(entityId, keys, certificate);
        }
        catch (GeneralSecurityException | OperatorCreationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public String entityId() {
        return entityId;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificate);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return pem.toString();
    }

    /**
     * This IdP's registration for the administrators' API, signing in by NameID;
     * {@code jitRole} null for no provisioning.
     */
    public Map<String, Object> registration(String jitRole, boolean allowUnsolicited) {
        Map<String, Object> saml = new LinkedHashMap<>();
        saml.put("idpEntityId", entityId);
        saml.put("ssoUrl", SSO_URL);
        saml.put("certificates", List.of(certificatePem()));
        saml.put("allowUnsolicited", allowUnsolicited);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "社内 SAML IdP");
        body.put("kind", "SAML");
        body.put("jitEnabled", jitRole != null);
        if (jitRole != null) {
            body.put("jitRole", jitRole);
        }
        body.put("saml", saml);
        return body;
    }

    KeyPair keys() {
        return keys;
    }

    /**
     * A response to the service provider with this entity ID and ACS URL, valid now for five
     * minutes, its Assertion signed with RSA-SHA256; change what the test needs.
     */
    public SamlResponseBuilder response(String spEntityId, String acsUrl) {
        return new SamlResponseBuilder(this, spEntityId, acsUrl, SignatureMethod.RSA_SHA256);
    }

    /** The AuthnRequest of an HTTP-Redirect binding's {@code SAMLRequest} value, inflated. */
    public static String inflate(String samlRequest) {
        Inflater inflater = new Inflater(true);
        inflater.setInput(Base64.getDecoder().decode(samlRequest));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            while (!inflater.finished()) {
                int read = inflater.inflate(buffer);
                if (read == 0 && inflater.needsInput()) {
                    break;
                }
                out.write(buffer, 0, read);
            }
        }
        catch (DataFormatException ex) {
            throw new IllegalArgumentException(ex);
        }
        finally {
            inflater.end();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
