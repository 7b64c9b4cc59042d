package jp.btob.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the {@code X-Btob-Signature} header of a webhook from the platform:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, the HMAC keyed by the endpoint's secret (its
 * UTF-8 bytes, as answered when the endpoint was created) over {@code t}, a {@code .} and the
 * raw body. Pass the body exactly as received, before any JSON parsing: re-serialised JSON
 * does not verify. A timestamp further than {@code tolerance} from now is refused, so that a
 * captured delivery cannot be replayed later.
 *
 * <pre>{@code
 * WebhookSignature.verify(secret, request.getHeader("X-Btob-Signature"), rawBody, Duration.ofMinutes(5));
 * }</pre>
 */
public final class WebhookSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "X-Btob-Signature";

    /** The header that carries the event's ID, the same on every retry: de-duplicate on it. */
    public static final String EVENT_ID_HEADER = "X-Btob-Event-Id";

    private WebhookSignature() {
    }

    /** Verifies against the system clock; throws {@link InvalidSignatureException} when the delivery is not genuine. */
    public static void verify(String secret, String header, byte[] body, Duration tolerance) {
        verify(secret, header, body, tolerance, Clock.systemUTC());
    }

    public static void verify(String secret, String header, byte[] body, Duration tolerance, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(tolerance, "tolerance");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("The secret is empty");
        }
        if (header == null || header.isBlank()) {
            throw new InvalidSignatureException("No " + HEADER + " header");
        }
        Long timestamp = null;
        for (String part : header.split(",")) {
            String item = part.strip();
            if (item.startsWith("t=")) {
                try {
                    timestamp = Long.parseLong(item.substring(2));
                }
                catch (NumberFormatException notANumber) {
                    throw new InvalidSignatureException("The timestamp is not a number");
                }
            }
        }
        if (timestamp == null) {
            throw new InvalidSignatureException("The header has no timestamp");
        }
        byte[] expected = hmac(secret, timestamp, body);
        boolean matched = false;
        for (String part : header.split(",")) {
            String item = part.strip();
            if (item.startsWith("v1=")) {
                byte[] given;
                try {
                    given = HexFormat.of().parseHex(item.substring(3));
                }
                catch (IllegalArgumentException notHex) {
                    continue;
                }
                // Compared in constant time, so the answer's timing tells nothing about the right MAC.
                matched |= MessageDigest.isEqual(expected, given);
            }
        }
        if (!matched) {
            throw new InvalidSignatureException("The signature does not match the body and the secret");
        }
        long age = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (age > tolerance.toSeconds()) {
            throw new InvalidSignatureException("The timestamp is " + age + " s away from now, more than the tolerance");
        }
    }

    /** Whether the delivery is genuine and recent; {@link #verify} says why not. */
    public static boolean isValid(String secret, String header, byte[] body, Duration tolerance) {
        try {
            verify(secret, header, body, tolerance);
            return true;
        }
        catch (InvalidSignatureException invalid) {
            return false;
        }
    }

    static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Every JDK has HmacSHA256", ex);
        }
    }

    /** A webhook delivery that is not from the platform, was changed on the way, or is too old. */
    public static final class InvalidSignatureException extends RuntimeException {

        InvalidSignatureException(String message) {
            super(message);
        }
    }
}
