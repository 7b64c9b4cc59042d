package jp.btob.platform.system.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for localhost and 127.0.0.1, so that the platform speaks only
 * HTTPS even on a developer's machine. ECDSA P-256 with SHA-256, both on the CRYPTREC list.
 */
final class SelfSignedCertificate {

    private static final Duration VALIDITY = Duration.ofDays(365);

    /** A certificate this close to its end is replaced at start-up rather than left to expire. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private SelfSignedCertificate() {
    }

    /** Whether there is no certificate in the file yet, or one that will soon expire. */
    static boolean needsRenewal(Path certificateFile, Instant now) {
        if (!Files.exists(certificateFile)) {
            return true;
        }
        try (InputStream in = Files.newInputStream(certificateFile)) {
            X509Certificate existing = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return existing.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE));
        }
        catch (IOException | GeneralSecurityException unreadable) {
            return true;
        }
    }

    /** Writes a new key and certificate as PEM files; the key file is readable by its owner only. */
    static void create(Path certificateFile, Path privateKeyFile, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost, O=BtoB Platform (self-signed)");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            Files.createDirectories(privateKeyFile.getParent());
            writePrivate(privateKeyFile, pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
            Files.writeString(certificateFile, pem(certificate));
        }
        catch (GeneralSecurityException | OperatorCreationException ex) {
            throw new IllegalStateException("Cannot create a self-signed certificate", ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the self-signed certificate to " + certificateFile.getParent(), ex);
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
