package jp.btob.platform.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Btob-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, the HMAC
 * keyed by the secret's UTF-8 bytes over {@code t + "." + body}. Binding the time into the MAC
 * lets a receiver refuse an old delivery replayed. While a rotated secret's overlap lasts, one
 * {@code v1} per secret, the current one first.
 */
final class WebhookSignature {

    static final String HEADER = "X-Btob-Signature";

    static final String EVENT_ID = "X-Btob-Event-Id";

    private WebhookSignature() {
    }

    static String header(List<String> secrets, long unixSeconds, byte[] body) {
        StringBuilder header = new StringBuilder("t=").append(unixSeconds);
        for (String secret : secrets) {
            header.append(",v1=").append(hmac(secret, unixSeconds, body));
        }
        return header.toString();
    }

    static String hmac(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Every JDK has HmacSHA256", ex);
        }
    }
}
