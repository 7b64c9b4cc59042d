package jp.btob.platform.support;

import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Approval routes and requests through the API, for tests of what an approval guards. */
public final class WorkflowSteps {

    public static final String REQUESTS = "/api/v1/workflow/requests";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private WorkflowSteps() {
    }

    /**
     * A route of the subject from {@code min} yen, without upper bound, of one {@code any} step
     * naming these users (by ID); answers its ID.
     */
    public static String route(WebTestClient admin, String subject, long min, List<String> approverIds) {
        return created(admin.post().uri("/api/v1/workflow/routes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", subject + " " + min, "subject", subject, "minAmount", min,
                        "steps", List.of(Map.of("mode", "any", "userIds", approverIds, "roleIds", List.of())))))
                .get("id").toString();
    }

    public static WebTestClient.ResponseSpec filing(WebTestClient client, Map<String, Object> body) {
        return client.post().uri(REQUESTS).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Files the request, which must be taken; answers it. */
    public static Map<String, Object> filed(WebTestClient client, Map<String, Object> body) {
        return created(client.post().uri(REQUESTS).contentType(MediaType.APPLICATION_JSON).bodyValue(body));
    }

    /** Approves, withdraws or resubmits the request at the version it was read at. */
    public static WebTestClient.ResponseSpec decide(WebTestClient client, Map<String, Object> request, String action) {
        return client.post().uri(REQUESTS + "/{id}/" + action, request.get("id"))
                .header("If-Match", "\"" + request.get("version") + "\"").exchange();
    }

    /** Takes an action that must succeed; answers the request after it. */
    public static Map<String, Object> decided(WebTestClient client, Map<String, Object> request, String action) {
        return decide(client, request, action).expectStatus().isOk().expectBody(JSON_OBJECT).returnResult()
                .getResponseBody();
    }

    public static Map<String, Object> rejected(WebTestClient client, Map<String, Object> request, String reason) {
        return client.post().uri(REQUESTS + "/{id}/reject", request.get("id"))
                .header("If-Match", "\"" + request.get("version") + "\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", reason)).exchange()
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    public static Map<String, Object> read(WebTestClient client, Object id) {
        return client.get().uri(REQUESTS + "/{id}", id).exchange().expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody();
    }

    /** The user's ID, by login ID. */
    public static String userId(Sql sql, String loginId) {
        return String.valueOf(sql.rows("SELECT id FROM app_user WHERE login_id = ?", loginId).get(0).get("id"));
    }

    private static Map<String, Object> created(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }
}
