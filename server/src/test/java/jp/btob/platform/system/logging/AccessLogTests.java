package jp.btob.platform.system.logging;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.system.trace.TraceIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The access log: one structured line per request, with the route's template and the caller, as JSON. */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTests extends IntegrationTest {

    @Test
    @DisplayName("[OPS-LOG] a login, GET /me, a 404 and a validation failure each write one JSON access line with template, status, latency, trace ID and client")
    void requestsThenOneStructuredAccessLinePerRequest(CapturedOutput output) {
        EntityExchangeResult<Map> login = client().post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", "buyer-admin", "password", DemoData.PASSWORD))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult();
        String token = (String) login.getResponseBody().get("token");
        EntityExchangeResult<Map> me = client(token).get().uri("/api/v1/me")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult();
        EntityExchangeResult<byte[]> notFound = client(token).get().uri("/api/v1/no-such-thing")
                .exchange().expectStatus().isNotFound().expectBody().returnResult();
        EntityExchangeResult<byte[]> invalid = client().post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", "ab"))
                .exchange().expectStatus().isBadRequest().expectBody().returnResult();

        JsonNode loginLine = onlyLine(output, login);
        assertAccess(loginLine, "POST", "/api/v1/auth/login", 200);
        assertThat(loginLine.has("user")).as("nobody is authenticated before the login").isFalse();

        JsonNode meLine = onlyLine(output, me);
        assertAccess(meLine, "GET", "/api/v1/me", 200);
        assertThat(meLine.path("user").path("id").asString()).isEqualTo(me.getResponseBody().get("id"));
        assertThat(meLine.path("organization").path("id").asString()).isEqualTo(DemoData.BUYER.id().toString());

        JsonNode notFoundLine = onlyLine(output, notFound);
        assertAccess(notFoundLine, "GET", RouteTemplate.UNMATCHED, 404);
        assertThat(notFoundLine.path("user").path("id").asString()).isEqualTo(me.getResponseBody().get("id"));

        JsonNode invalidLine = onlyLine(output, invalid);
        assertAccess(invalidLine, "POST", "/api/v1/auth/login", 400);
    }

    @Test
    @DisplayName("[OPS-LOG] the route is the path template with {companyId}, never the company's UUID")
    void pathWithIdThenTemplateLogged(CapturedOutput output) {
        EntityExchangeResult<byte[]> partners = client(login("buyer-staff")).get()
                .uri("/api/v1/companies/{id}/partners", DemoData.BUYER.id())
                .exchange().expectStatus().isOk().expectBody().returnResult();

        JsonNode line = onlyLine(output, partners);
        assertAccess(line, "GET", "/api/v1/companies/{companyId}/partners", 200);
        assertThat(line.path("http").path("route").asString()).doesNotContain(DemoData.BUYER.id().toString());
    }

    @Test
    @DisplayName("[OPS-LOG] a path chosen by an unauthenticated caller is logged as UNMATCHED, not as sent")
    void unauthenticatedUnknownPathThenUnmatched(CapturedOutput output) {
        String chosen = "attacker-chosen-" + UUID.randomUUID();
        EntityExchangeResult<byte[]> result = client().get().uri("/api/v1/" + chosen)
                .exchange().expectStatus().isUnauthorized().expectBody().returnResult();

        assertAccess(onlyLine(output, result), "GET", RouteTemplate.UNMATCHED, 401);
        assertThat(output.getOut()).doesNotContain(chosen);
    }

    @Test
    @DisplayName("[OPS-PRIV] an operator's request is logged with the operator's ID as user.id, user.domain operator and no company")
    void operatorRequestThenLoggedAsOperator(CapturedOutput output) {
        EntityExchangeResult<byte[]> incidents = client(operatorLogin(DemoData.OPERATOR.loginId())).get()
                .uri("/api/v1/operator/incidents")
                .exchange().expectStatus().isOk().expectBody().returnResult();

        JsonNode line = onlyLine(output, incidents);
        assertAccess(line, "GET", "/api/v1/operator/incidents", 200);
        assertThat(line.path("user").path("id").asString()).isEqualTo(DemoData.OPERATOR.id().toString());
        assertThat(line.path("user").path("domain").asString()).isEqualTo("operator");
        assertThat(line.has("organization")).as("an operator belongs to no company").isFalse();
    }

    @Test
    @DisplayName("[OPS-LOG] the console in the tests is what production writes: every line a JSON object in ECS")
    void consoleThenEveryLineJson(CapturedOutput output) {
        EntityExchangeResult<byte[]> result = client().get().uri("/actuator/health/liveness")
                .exchange().expectStatus().isOk().expectBody().returnResult();

        onlyLine(output, result);
        List<JsonNode> lines = AccessLines.jsonLines(output);
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("ecs").path("version").asString()).isNotEmpty();
            assertThat(line.path("@timestamp").asString()).isNotEmpty();
            assertThat(line.path("log").path("level").asString()).isNotEmpty();
        });
    }

    private static JsonNode onlyLine(CapturedOutput output, EntityExchangeResult<?> result) {
        String traceId = result.getResponseHeaders().getFirst(TraceIds.HEADER);
        assertThat(traceId).isNotBlank();
        List<JsonNode> lines = AccessLines.of(output, traceId);
        assertThat(lines).as("access lines of trace %s", traceId).hasSize(1);
        return lines.get(0);
    }

    private static void assertAccess(JsonNode line, String method, String route, int status) {
        assertThat(line.path("http").path("request").path("method").asString()).isEqualTo(method);
        assertThat(line.path("http").path("route").asString()).isEqualTo(route);
        assertThat(line.path("http").path("response").path("status_code").asInt()).isEqualTo(status);
        assertThat(line.path("http").path("latency_ms").isIntegralNumber()).isTrue();
        assertThat(line.path("http").path("latency_ms").asLong()).isBetween(0L, 15_000L);
        assertThat(line.path("client").path("address").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(line.path("event").path("dataset").asString()).isEqualTo("btob.access");
        assertThat(line.path("message").asString()).isEqualTo(method + " " + route + " " + status + " "
                + line.path("http").path("latency_ms").asLong() + " ms");
    }
}
