package jp.btob.platform.workflow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.btob.platform.support.Sql;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;

/**
 * The calls the tests of route management and delegation make over and over: routes with their
 * steps, requests, decisions on another's behalf, delegations; {@code support.WorkflowSteps} has
 * those of the guards' tests.
 */
final class WorkflowSteps {

    static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    static final String ROUTES = "/api/v1/workflow/routes";

    static final String REQUESTS = "/api/v1/workflow/requests";

    static final String DELEGATIONS = "/api/v1/workflow/delegations";

    private final Sql sql;

    WorkflowSteps(Sql sql) {
        this.sql = sql;
    }

    String userId(String loginId) {
        return jp.btob.platform.support.WorkflowSteps.userId(sql, loginId);
    }

    static Map<String, Object> anyOf(List<String> users) {
        return Map.of("mode", "any", "userIds", users, "roleIds", List.of());
    }

    static Map<String, Object> allOf(List<String> users) {
        return Map.of("mode", "all", "userIds", users, "roleIds", List.of());
    }

    static Map<String, Object> route(String subject, long min, Long max, List<Map<String, Object>> steps) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", subject + " " + min, "subject", subject,
                "minAmount", min, "steps", steps));
        if (max != null) {
            body.put("maxAmount", max);
        }
        return body;
    }

    static Map<String, Object> defined(WebTestClient admin, String subject, long min, Long max,
                                       List<Map<String, Object>> steps) {
        return ok(admin.post().uri(ROUTES).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(route(subject, min, max, steps)).exchange().expectStatus().isCreated());
    }

    static Map<String, Object> filed(WebTestClient applicant, String title, long amount) {
        return ok(applicant.post().uri(REQUESTS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "free-form", "title", title, "amount", amount)).exchange()
                .expectStatus().isCreated());
    }

    /** A decision on the request as last read, for the caller or, with {@code onBehalfOf}, for a delegator. */
    static WebTestClient.ResponseSpec decide(WebTestClient client, Map<String, Object> request, String action,
                                             String onBehalfOf) {
        String query = onBehalfOf == null ? "" : "?onBehalfOf=" + onBehalfOf;
        WebTestClient.RequestBodySpec spec = client.post().uri(REQUESTS + "/" + request.get("id") + "/" + action + query)
                .header("If-Match", "\"" + request.get("version") + "\"");
        return "approve".equals(action) ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "代理での判断")).exchange();
    }

    static Map<String, Object> approved(WebTestClient client, Map<String, Object> request, String onBehalfOf) {
        return ok(decide(client, request, "approve", onBehalfOf).expectStatus().isOk());
    }

    static WebTestClient.ResponseSpec delegate(WebTestClient delegator, String delegateId, Instant from,
                                               Instant until) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("delegateId", delegateId, "until", until.toString()));
        if (from != null) {
            body.put("from", from.toString());
        }
        return delegator.post().uri(DELEGATIONS).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static Map<String, Object> get(WebTestClient client, String uri) {
        return ok(client.get().uri(uri).exchange().expectStatus().isOk());
    }

    /** The IDs of a page's items. */
    static List<Object> ids(Map<String, Object> page) {
        return ((List<?>) page.get("items")).stream().<Object>map(item -> ((Map<?, ?>) item).get("id")).toList();
    }

    static List<Object> inbox(WebTestClient client) {
        return ids(get(client, "/api/v1/workflow/inbox"));
    }

    /** A 422 problem naming the field. */
    static void unprocessable(WebTestClient.ResponseSpec answer, String field) {
        WebTestClient.BodyContentSpec body = answer.expectStatus().isEqualTo(422).expectBody();
        assertProblem(body, "/problems/unprocessable", 422);
        body.jsonPath("$.errors[0].field").isEqualTo(field);
    }

    static Map<String, Object> ok(WebTestClient.ResponseSpec answer) {
        return answer.expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }
}
