package jp.btob.platform.operator;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;

/** Operators and company users are two realms: a token of one never works where the other's is expected. */
class RealmSeparationTests extends IntegrationTest {

    private static final UUID BUYER = DemoData.BUYER.id();

    /** Every company API there is, each reachable with a company administrator's token. */
    private static final List<Call> COMPANY_APIS = List.of(
            new Call(HttpMethod.GET, "/api/v1/me"),
            new Call(HttpMethod.GET, "/api/v1/companies/" + BUYER),
            new Call(HttpMethod.GET, "/api/v1/companies/" + BUYER + "/users"),
            new Call(HttpMethod.GET, "/api/v1/companies/" + BUYER + "/partners"),
            new Call(HttpMethod.GET, "/api/v1/companies/" + BUYER + "/incidents"),
            new Call(HttpMethod.GET, "/api/v1/audit"),
            new Call(HttpMethod.GET, "/api/v1/audit/verify"),
            new Call(HttpMethod.GET, "/api/v1/audit/export"),
            new Call(HttpMethod.GET, "/api/v1/admin/users"),
            new Call(HttpMethod.GET, "/api/v1/admin/roles"),
            new Call(HttpMethod.GET, "/api/v1/admin/permissions"));

    private static final List<Call> OPERATOR_APIS = List.of(
            new Call(HttpMethod.GET, "/api/v1/operator/incidents"),
            new Call(HttpMethod.GET, "/api/v1/operator/incidents/" + UUID.randomUUID()));

    @Test
    @DisplayName("[OPS-PRIV] an operator token is refused with a 401 problem on every company API, as a bearer token and as the company session cookie")
    void operatorTokenOnCompanyApisThenRefused() {
        String operator = operatorLogin(DemoData.OPERATOR.loginId());
        String admin = login("buyer-admin");
        for (Call call : COMPANY_APIS) {
            call.send(client(admin)).expectStatus().isOk();
            assertProblem(call.send(client(operator)).expectStatus().isUnauthorized().expectBody(),
                    "/problems/unauthenticated", 401);
            call.send(client().mutate().defaultCookie("BTOB_SESSION", operator).build())
                    .expectStatus().isUnauthorized();
        }
        client(operator).post().uri("/api/v1/auth/logout").exchange().expectStatus().isUnauthorized();
        // The operator's own session is untouched.
        client(operator).get().uri("/api/v1/operator/incidents").exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("[OPS-PRIV] a company administrator's token is refused with a 401 problem on every operator API, as a bearer token and as the operator cookie")
    void companyAdminTokenOnOperatorApisThenRefused() {
        String admin = login("buyer-admin");
        String operator = operatorLogin(DemoData.OPERATOR.loginId());
        for (Call call : OPERATOR_APIS) {
            assertProblem(call.send(client(admin)).expectStatus().isUnauthorized().expectBody(),
                    "/problems/unauthenticated", 401);
            call.send(client().mutate().defaultCookie("BTOB_OPERATOR_SESSION", admin).build())
                    .expectStatus().isUnauthorized();
            // The company cookie means nothing here.
            call.send(client().mutate().defaultCookie("BTOB_SESSION", admin).build()).expectStatus().isUnauthorized();
        }
        client(admin).post().uri("/api/v1/operator/incidents")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "偽のインシデント", "description", "会社の管理者による記録",
                        "severity", "LOW", "detectedAt", Instant.now().toString(), "affectedCompanyIds", List.of(BUYER)))
                .exchange()
                .expectStatus().isUnauthorized();
        client(admin).post().uri("/api/v1/operator/auth/logout").exchange().expectStatus().isUnauthorized();
        // The company session is untouched.
        client(admin).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        client(operator).get().uri("/api/v1/operator/incidents").exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("[OPS-PRIV] a percent-encoded operator path is still the operators' realm: a company token gets no further there")
    void companyTokenOnEncodedOperatorPathThenRefused() {
        String admin = login("buyer-admin");
        client(admin).get().uri(URI.create(baseUrl() + "/api/v1/%6Fperator/incidents"))
                .exchange()
                .expectStatus().isUnauthorized();
        client(admin).get().uri(URI.create(baseUrl() + "/api/v1/operator/%69ncidents"))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    @DisplayName("[OPS-PRIV] the operators' API refuses a request without any token with a 401 problem")
    void noTokenOnOperatorApiThenUnauthenticated() {
        assertProblem(client().get().uri("/api/v1/operator/incidents").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody(), "/problems/unauthenticated", 401);
    }

    private record Call(HttpMethod method, String path) {

        WebTestClient.ResponseSpec send(WebTestClient client) {
            return client.method(method).uri(path).exchange();
        }
    }
}
