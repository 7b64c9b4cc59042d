package jp.btob.platform.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The third parties that notifications go to, one of each for the whole test run, on loopback:
 * a real SMTP server (GreenMail) and an HTTPS webhook receiver (WireMock) whose certificate,
 * made here for {@code localhost}, the platform is told to trust, and an SMS gateway (WireMock,
 * plain HTTP). They start before the
 * platform, which is configured with their ports.
 */
public final class Receivers {

    private static final String PASSWORD = "receivers-test-store";

    private static GreenMail mail;

    private static WireMockServer webhooks;

    private static WireMockServer sms;

    private static Path caCertificate;

    private Receivers() {
    }

    public static synchronized GreenMail mail() {
        if (mail == null) {
            mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            mail.start();
            Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        }
        return mail;
    }

    /** Every message the SMTP server has received so far with this address among its To recipients. */
    public static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(mail().getReceivedMessages()).filter(message -> {
            try {
                Address[] to = message.getRecipients(Message.RecipientType.TO);
                return to != null && Arrays.stream(to).anyMatch(recipient -> recipient.toString().equals(address));
            }
            catch (MessagingException ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }

    public static synchronized WireMockServer webhooks() {
        if (webhooks == null) {
            Path store = tlsMaterial();
            webhooks = new WireMockServer(WireMockConfiguration.options()
                    .bindAddress("127.0.0.1")
                    .httpDisabled(true)
                    .dynamicHttpsPort()
                    .keystorePath(store.toString())
                    .keystorePassword(PASSWORD)
                    .keyManagerPassword(PASSWORD)
                    .keystoreType("PKCS12"));
            webhooks.start();
            Runtime.getRuntime().addShutdownHook(new Thread(webhooks::stop));
        }
        return webhooks;
    }

    /** A stand-in for the HTTP SMS gateway, on loopback. */
    public static synchronized WireMockServer sms() {
        if (sms == null) {
            sms = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
            sms.start();
            Runtime.getRuntime().addShutdownHook(new Thread(sms::stop));
        }
        return sms;
    }

    /** The PEM certificate the webhook receiver presents. */
    public static synchronized Path caCertificate() {
        webhooks();
        return caCertificate;
    }

    /** An https URL of the receiver, under a path of the caller's. */
    public static String webhookUrl(String path) {
        return "https://localhost:" + webhooks().httpsPort() + path;
    }

    private static Path tlsMaterial() {
        try {
            Path dir = Files.createTempDirectory("btob-receivers-");
            dir.toFile().deleteOnExit();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost, O=BtoB test webhook receiver");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("receiver", keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {certificate});
            Path storeFile = dir.resolve("receiver.p12");
            try (OutputStream out = Files.newOutputStream(storeFile)) {
                store.store(out, PASSWORD.toCharArray());
            }
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(certificate);
            }
            caCertificate = Files.writeString(dir.resolve("receiver.crt"), pem.toString());
            return storeFile;
        }
        catch (GeneralSecurityException | OperatorCreationException ex) {
            throw new IllegalStateException("Cannot make the receiver's certificate", ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
