package jp.btob.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    private IdempotencyKeys() {
    }

    /** Whether the operation of this method and path template (such as {@code /api/v1/orders/{orderId}/invoice}) takes a key. */
    static boolean takesKey(HttpMethod method, String pathTemplate) {
        return OPERATIONS.contains(method.name() + " " + pathTemplate);
    }

    /** A fresh key for one call; every retry of the call sends it again. */
    static String fresh() {
        return UUID.randomUUID().toString();
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
