package jp.btob.platform.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Login attempts as an attacker makes them: refused ones, with their answers, and many at once. */
public final class LoginSteps {

    private LoginSteps() {
    }

    /** A refused login's status and problem body. */
    public static Refusal refused(WebTestClient client, String loginId, String password) {
        var result = client.post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password))
                .exchange()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                })
                .returnResult();
        return new Refusal(result.getStatus().value(), new LinkedHashMap<>(result.getResponseBody()));
    }

    /** Makes {@code count} login attempts at once, attempt i through {@code clientOf.apply(i)}; answers their statuses. */
    public static List<Integer> concurrently(int count, IntFunction<WebTestClient> clientOf, String loginId, String password)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CyclicBarrier start = new CyclicBarrier(count);
            List<CompletableFuture<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                WebTestClient client = clientOf.apply(i);
                attempts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    }
                    catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                    return refused(client, loginId, password).status();
                }, threads));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> attempt : attempts) {
                statuses.add(attempt.get());
            }
            return statuses;
        }
        finally {
            threads.shutdownNow();
        }
    }

    public record Refusal(int status, Map<String, Object> body) {
    }
}
