package jp.btob.platform.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jp.btob.platform.support.Receivers;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Calls of the administration API as the tests make them, and what they leave behind. */
final class AdminSteps {

    static final String USERS = "/api/v1/admin/users";

    static final String ROLES = "/api/v1/admin/roles";

    static final String ADMIN_ROLE = "00000000-0000-4000-8000-00000000a001";

    static final String STAFF_ROLE = "00000000-0000-4000-8000-00000000a002";

    static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private AdminSteps() {
    }

    static Map<String, Object> newUser(String loginId, List<String> roleIds, List<String> grants, List<String> denials) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("loginId", loginId);
        body.put("displayName", "管理 テスト 利用者");
        body.put("email", loginId + "@users.example");
        body.put("roleIds", roleIds);
        body.put("grants", grants);
        body.put("denials", denials);
        return body;
    }

    static Map<String, Object> update(Map<String, Object> user, List<String> roleIds, List<String> grants,
                                      List<String> denials) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", user.get("displayName"));
        body.put("email", user.get("email"));
        body.put("roleIds", roleIds);
        body.put("grants", grants);
        body.put("denials", denials);
        return body;
    }

    static WebTestClient.ResponseSpec create(WebTestClient admin, Map<String, Object> body) {
        return admin.post().uri(USERS).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Creates a user and answers the whole answer: {@code user} and {@code temporaryPassword}. */
    static Map<String, Object> created(WebTestClient admin, Map<String, Object> body) {
        return create(admin, body).expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    static WebTestClient.ResponseSpec put(WebTestClient admin, Object userId, Map<String, Object> body) {
        return admin.put().uri(USERS + "/{id}", userId).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static WebTestClient.ResponseSpec action(WebTestClient admin, Object userId, String action) {
        return admin.post().uri(USERS + "/{id}/" + action, userId).exchange();
    }

    static Map<String, Object> user(WebTestClient admin, Object userId) {
        return admin.get().uri(USERS + "/{id}", userId).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    static Map<String, Object> body(WebTestClient.ResponseSpec response) {
        return response.expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    static WebTestClient.ResponseSpec createRole(WebTestClient admin, String name, List<String> permissions) {
        return admin.post().uri(ROLES).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name, "permissions", permissions)).exchange();
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object value) {
        return (List<T>) value;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs the calls at once, each on its own thread, released together; answers their results in order. */
    static <T> List<T> atOnce(List<Callable<T>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            CyclicBarrier start = new CyclicBarrier(calls.size());
            List<CompletableFuture<T>> running = new ArrayList<>();
            for (Callable<T> call : calls) {
                running.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        return call.call();
                    }
                    catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                }, threads));
            }
            List<T> results = new ArrayList<>();
            for (CompletableFuture<T> result : running) {
                results.add(result.get());
            }
            return results;
        }
        finally {
            threads.shutdownNow();
        }
    }

    /** The messages the SMTP server received for this address so far, as subject and text. */
    static List<String> mailTo(String address) {
        return Arrays.stream(Receivers.mail().getReceivedMessages())
                .filter(message -> recipients(message).contains(address))
                .map(AdminSteps::text)
                .toList();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String text(MimeMessage message) {
        try {
            return message.getSubject() + "\n" + message.getContent();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
