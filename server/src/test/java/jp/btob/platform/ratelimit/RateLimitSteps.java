package jp.btob.platform.ratelimit;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Requests as a rate-limited client makes them, each from an address it names behind the trusted proxy. */
final class RateLimitSteps {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private RateLimitSteps() {
    }

    /** An address no other request of the run came from. */
    static String freshAddress() {
        int n = NEXT.incrementAndGet();
        return "198.18." + (n / 250) + "." + (1 + n % 250);
    }

    /** A login attempt from this address; answers the exchange with its headers. */
    static EntityExchangeResult<byte[]> attempt(WebTestClient client, String address, String loginId, String password) {
        return client.post().uri("/api/v1/auth/login")
                .header("X-Forwarded-For", address)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password))
                .exchange()
                .expectBody().returnResult();
    }

    /** {@code GET /api/v1/me} with this token from this address. */
    static EntityExchangeResult<byte[]> me(WebTestClient client, String token, String address) {
        return client.get().uri("/api/v1/me")
                .header("Authorization", "Bearer " + token)
                .header("X-Forwarded-For", address)
                .exchange()
                .expectBody().returnResult();
    }

    static long header(EntityExchangeResult<?> result, String name) {
        HttpHeaders headers = result.getResponseHeaders();
        String value = headers.getFirst(name);
        if (value == null) {
            throw new AssertionError("no " + name + " header on " + result.getStatus() + ": " + headers);
        }
        return Long.parseLong(value);
    }

    static String body(EntityExchangeResult<byte[]> result) {
        return result.getResponseBody() == null ? "" : new String(result.getResponseBody());
    }
}
