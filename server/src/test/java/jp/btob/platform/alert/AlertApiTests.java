package jp.btob.platform.alert;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.notify.WebhookEndpoints;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.Receivers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The administrators' alert API: who may use it, what it refuses, and what it keeps secret. */
class AlertApiTests extends AlertSteps {

    @Autowired
    private FieldEncryption encryption;

    @Test
    @DisplayName("[OPS-ALERT] invalid rules answer 400 naming each field: missing name, bad action, threshold 0, window over a day")
    void ruleWhenInvalidThenValidationProblemWithFields() {
        TestCompany c = fixtures.company("株式会社警報検証");
        String admin = login(c.adminLoginId());
        WebTestClient.BodyContentSpec body = client(admin).post().uri("/api/v1/companies/{c}/alert-rules", c.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", "Auth Login; DROP", "threshold", 0, "windowSeconds", 86401))
                .exchange().expectStatus().isBadRequest().expectBody();
        assertProblem(body, "/problems/validation", 400);
        body.jsonPath("$.errors[*].field").value(fields -> assertThat(asMap(Map.of("f", fields)).get("f"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
                .containsExactlyInAnyOrder("action", "name", "threshold", "windowSeconds"));
        assertProblem(client(admin).post().uri("/api/v1/companies/{c}/alert-rules", c.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x", "action", "auth.login", "outcome", "MAYBE", "threshold", 1, "windowSeconds", 60))
                .exchange().expectStatus().isBadRequest().expectBody(), "/problems/validation", 400);
        assertThat(sql.count("SELECT count(*) FROM alert_rule WHERE company_id = ?", c.id())).isZero();
    }

    @Test
    @DisplayName("[OPS-ALERT] staff get 403 on every alert operation; another company's rules, endpoints and alerts answer 404")
    void apiWhenStaffOrOtherCompanyThenForbiddenOrNotFound() {
        TestCompany c = fixtures.company("株式会社警報権限");
        TestCompany other = fixtures.company("株式会社警報権限外");
        String admin = login(c.adminLoginId());
        String staff = login(c.staffLoginId());
        String otherAdmin = login(other.adminLoginId());
        UUID rule = rule(admin, c.id(), "auth.login", "FAILURE", 5, 300);
        UUID endpoint = UUID.fromString((String) asMap(endpoint(admin, c.id(),
                Receivers.webhookUrl("/perm-" + UUID.randomUUID())).get("endpoint")).get("id"));

        for (String path : List.of("/api/v1/companies/{c}/alert-rules", "/api/v1/companies/{c}/webhook-endpoints",
                "/api/v1/companies/{c}/alerts")) {
            assertProblem(client(staff).get().uri(path, c.id()).exchange().expectStatus().isForbidden().expectBody(),
                    "/problems/permission-denied", 403);
            assertProblem(client(otherAdmin).get().uri(path, c.id()).exchange().expectStatus().isNotFound().expectBody(),
                    "/problems/not-found", 404);
        }
        assertProblem(client(staff).delete().uri("/api/v1/companies/{c}/alert-rules/{r}", c.id(), rule)
                .exchange().expectStatus().isForbidden().expectBody(), "/problems/permission-denied", 403);
        assertProblem(client(staff).post().uri("/api/v1/companies/{c}/webhook-endpoints/{e}/rotate-secret", c.id(), endpoint)
                .exchange().expectStatus().isForbidden().expectBody(), "/problems/permission-denied", 403);
        // The other company's administrator, in their own company's path, still cannot reach these IDs.
        assertProblem(client(otherAdmin).get().uri("/api/v1/companies/{c}/alert-rules/{r}", other.id(), rule)
                .exchange().expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        assertProblem(client(otherAdmin).delete().uri("/api/v1/companies/{c}/alert-rules/{r}", other.id(), rule)
                .exchange().expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        assertProblem(client(otherAdmin).delete().uri("/api/v1/companies/{c}/webhook-endpoints/{e}", other.id(), endpoint)
                .exchange().expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        assertProblem(client(otherAdmin).post().uri("/api/v1/companies/{c}/webhook-endpoints/{e}/rotate-secret", other.id(),
                endpoint).exchange().expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        assertThat(sql.count("SELECT count(*) FROM alert_rule WHERE id = ?", rule)).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM webhook_endpoint WHERE id = ? AND deleted_at IS NULL", endpoint)).isEqualTo(1);
    }

    @Test
    @DisplayName("[OPS-ALERT] webhook URLs to loopback, private, link-local or plain-http addresses are refused with 422 on the url field")
    void endpointWhenInternalAddressThenRefused() {
        TestCompany c = fixtures.company("株式会社警報SSRF");
        String admin = login(c.adminLoginId());
        for (String url : List.of("https://127.0.0.1:8443/hook", "https://[::1]/hook", "https://10.1.2.3/hook",
                "https://192.168.0.10/hook", "https://172.16.5.4/hook", "https://169.254.169.254/latest/meta-data",
                "https://0.0.0.0/hook", "https://100.64.0.1/hook", "https://[fd00::1]/hook", "https://[fe80::1]/hook",
                "http://hooks.example.com/hook", "https://user:pass@hooks.example.com/hook")) {
            WebTestClient.BodyContentSpec body = client(admin).post().uri("/api/v1/companies/{c}/webhook-endpoints", c.id())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", url))
                    .exchange().expectStatus().isEqualTo(422).expectBody();
            assertProblem(body, "/problems/unprocessable", 422);
            body.jsonPath("$.errors[0].field").isEqualTo("url");
        }
        assertThat(sql.count("SELECT count(*) FROM webhook_endpoint WHERE company_id = ?", c.id())).isZero();
    }

    @Test
    @DisplayName("[OPS-ALERT] the signing secret is answered once, stored only encrypted, never listed; rotation answers a new one and signs with it")
    void endpointWhenCreatedThenSecretOnceAndEncrypted() {
        TestCompany c = fixtures.company("株式会社警報秘密");
        String admin = login(c.adminLoginId());
        String url = Receivers.webhookUrl("/secret-" + UUID.randomUUID());
        Map<?, ?> created = endpoint(admin, c.id(), url);
        String secret = (String) created.get("secret");
        assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
        UUID id = UUID.fromString((String) asMap(created.get("endpoint")).get("id"));

        byte[] stored = (byte[]) sql.rows("SELECT secret FROM webhook_endpoint WHERE id = ?", id).get(0).get("secret");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret).doesNotContain(secret.substring(6));
        assertThat(new String(encryption.decrypt(c.id(), WebhookEndpoints.SECRET.aad(id), stored).block(), StandardCharsets.UTF_8))
                .isEqualTo(secret);

        String listed = client(admin).get().uri("/api/v1/companies/{c}/webhook-endpoints", c.id())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains(id.toString(), url).doesNotContain(secret).doesNotContain("whsec_");

        String rotated = (String) client(admin).post().uri("/api/v1/companies/{c}/webhook-endpoints/{e}/rotate-secret", c.id(), id)
                .exchange().expectStatus().isOk().expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(Map.class).returnResult().getResponseBody().get("secret");
        assertThat(rotated).matches("whsec_[A-Za-z0-9_-]{43}").isNotEqualTo(secret);
        byte[] restored = (byte[]) sql.rows("SELECT secret FROM webhook_endpoint WHERE id = ?", id).get(0).get("secret");
        assertThat(new String(encryption.decrypt(c.id(), WebhookEndpoints.SECRET.aad(id), restored).block(), StandardCharsets.UTF_8))
                .isEqualTo(rotated);
        assertThat(sql.rows("SELECT action, details::text AS details FROM audit_event WHERE company_id = ? AND action LIKE 'alert.%' ORDER BY seq",
                c.id())).extracting(row -> row.get("action"))
                .containsExactly("alert.endpoint-create", "alert.endpoint-rotate-secret");
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND (content LIKE ? OR content LIKE ?)",
                c.id(), "%" + secret.substring(6) + "%", "%" + rotated.substring(6) + "%")).isZero();

        client(admin).delete().uri("/api/v1/companies/{c}/webhook-endpoints/{e}", c.id(), id)
                .exchange().expectStatus().isNoContent();
        assertThat(client(admin).get().uri("/api/v1/companies/{c}/webhook-endpoints", c.id())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()).doesNotContain(id.toString());
        assertProblem(client(admin).post().uri("/api/v1/companies/{c}/webhook-endpoints/{e}/rotate-secret", c.id(), id)
                .exchange().expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
    }

    @Test
    @DisplayName("[OPS-ALERT] rule create, update and delete are each audited with the rule's settings, in the change's transaction")
    void rulesWhenChangedThenAudited() {
        TestCompany c = fixtures.company("株式会社警報監査");
        String admin = login(c.adminLoginId());
        UUID rule = rule(admin, c.id(), "partner.invite", null, 2, 120);
        Map<String, Object> updated = asMap(client(admin).put().uri("/api/v1/companies/{c}/alert-rules/{r}", c.id(), rule)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "招待の急増", "action", "partner.invite", "threshold", 3, "windowSeconds", 900))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody());
        assertThat(updated).containsEntry("name", "招待の急増").containsEntry("threshold", 3).containsEntry("windowSeconds", 900)
                .containsEntry("enabled", true).doesNotContainKey("outcome");
        assertThat(client(admin).get().uri("/api/v1/companies/{c}/alert-rules", c.id())
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(1);
        client(admin).delete().uri("/api/v1/companies/{c}/alert-rules/{r}", c.id(), rule).exchange().expectStatus().isNoContent();
        assertProblem(client(admin).get().uri("/api/v1/companies/{c}/alert-rules/{r}", c.id(), rule)
                .exchange().expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);

        List<Map<String, Object>> events = sql.rows(
                "SELECT action, target_id, actor_type, details::text AS details FROM audit_event WHERE company_id = ? AND action LIKE 'alert.%' ORDER BY seq",
                c.id());
        assertThat(events).extracting(row -> row.get("action"))
                .containsExactly("alert.rule-create", "alert.rule-update", "alert.rule-delete");
        assertThat(events).allSatisfy(row -> assertThat(row).containsEntry("target_id", rule).containsEntry("actor_type", "USER"));
        assertThat((String) events.get(1).get("details")).contains("\"threshold\": 3", "\"windowSeconds\": 900");
    }
}
