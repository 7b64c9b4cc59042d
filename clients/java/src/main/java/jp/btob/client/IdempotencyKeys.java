package jp.btob.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;

/**
 * The operations that take an {@code Idempotency-Key} (PLT-IDEM): read at build time from the generated
 * APIs, which declare the header exactly where the specs do, into {@code idempotent-operations.txt}.
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";

    private static final String LIST = "idempotent-operations.txt";

    private static final Set<String> OPERATIONS = load();

    /**
     * Seeded once, when the client is built; after that a key is computed without reading the system's
     * entropy, so that a call made on an event loop thread never blocks it.
     */
    private static final SecureRandom RANDOM = seeded();

    private IdempotencyKeys() {
    }

    /** Whether the operation of this method and path template (such as {@code /api/v1/orders/{orderId}/invoice}) takes a key. */
    static boolean takesKey(HttpMethod method, String pathTemplate) {
        return OPERATIONS.contains(method.name() + " " + pathTemplate);
    }

    /** A fresh key for one call, a random (version 4) UUID; every retry of the call sends it again. */
    static String fresh() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    /**
     * Does nothing but make the JVM run this class's initialisers, which read the list and seed the
     * generator: called when a client is built, so that this I/O never happens on an event loop thread.
     */
    static void prepare() {
        // The static fields are set by now.
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[1]);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK since 9 has DRBG", e);
        }
    }

    /** Every operation that takes a key, as {@code METHOD /path/{template}}. */
    static Set<String> operations() {
        return OPERATIONS;
    }

    private static Set<String> load() {
        try (InputStream in = IdempotencyKeys.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the SDK's jar: it is built with the SDK");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return lines.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + LIST, e);
        }
    }
}
