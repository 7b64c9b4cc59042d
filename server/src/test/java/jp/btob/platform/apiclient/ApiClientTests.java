package jp.btob.platform.apiclient;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.SecuritySettingsSteps;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.PartnerSteps.invite;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API clients for ERP integration (SEC-RBAC, SEC-IP, PLT-TENANT): created by administrators with
 * scopes no wider than their own, authenticated by a secret shown once and stored hashed,
 * rotated with an overlap, revoked at once, held to their scopes, their company and its IP
 * allow-list, and named by the audit trail.
 */
class ApiClientTests extends IntegrationTest {

    static final String PATH = "/api/v1/admin/api-clients";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SEC-RBAC] a client's secret calls an operation within its scopes (200); one outside them answers 403 permission-denied naming the permission, recorded as access.denied by the client")
    void secretWhenScopeHeldThenAnsweredAndWhenMissingThenDenied() {
        TestCompany company = fixtures.company("連携範囲株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> created = create(admin, "基幹システム", List.of("company:read"), null);
        String clientId = clientId(created);
        WebTestClient erp = client((String) created.get("secret"));

        Map<String, Object> own = erp.get().uri("/api/v1/companies/{id}", company.id()).exchange()
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(own).containsEntry("code", company.code());

        WebTestClient.BodyContentSpec denied = erp.get().uri("/api/v1/companies/{id}/partners", company.id()).exchange()
                .expectStatus().isForbidden().expectBody();
        assertProblem(denied, "/problems/permission-denied", 403);
        denied.jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).contains("partner:read"));
        List<Map<String, Object>> events = events(company.id(), "access.denied");
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).containsEntry("actor_type", "API_CLIENT").containsEntry("actor_id", clientId);
        assertThat((String) events.get(0).get("details")).contains("listPartners");
    }

    @Test
    @DisplayName("[SEC-RBAC] the secret is answered once, at creation: reads show only its prefix, and the database holds its SHA-256, never the secret")
    void secretWhenCreatedThenShownOnceAndStoredHashed() {
        TestCompany company = fixtures.company("秘密一度株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> created = create(admin, "EDI", List.of("order:read", "invoice:read"), null);
        String secret = (String) created.get("secret");
        String clientId = clientId(created);

        assertThat(secret).matches("btob_sk_[A-Za-z0-9_-]{43}");
        Map<String, Object> read = admin.get().uri(PATH + "/{id}", clientId).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        String listed = admin.get().uri(PATH).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(read).containsEntry("secretPrefix", secret.substring(0, 14))
                .containsEntry("scopes", List.of("invoice:read", "order:read"))
                .containsKeys("createdAt", "secretCreatedAt")
                .doesNotContainKeys("secret", "lastUsedAt", "previousSecretValidUntil");
        assertThat(read.toString()).doesNotContain(secret);
        assertThat(listed).contains(clientId).doesNotContain(secret);

        List<Map<String, Object>> stored = sql.rows("SELECT encode(secret_hash, 'hex') AS hash, prefix FROM api_client_secret"
                + " WHERE client_id = ?", UUID.fromString(clientId));
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("hash")).isEqualTo(HexFormat.of().formatHex(ApiClientSecrets.hash(secret)));
        assertThat(sql.rows("SELECT * FROM api_client WHERE id = ?", UUID.fromString(clientId)).toString()).doesNotContain(secret);
        assertThat(events(company.id(), "apiclient.create")).singleElement()
                .satisfies(event -> assertThat((String) event.get("details")).doesNotContain(secret));
    }

    @Test
    @DisplayName("[SEC-RBAC] a rotated secret keeps working during the overlap and is refused with 401 after it, recorded as auth.api-client; the new secret works throughout")
    void rotatedSecretWhenOverlapEndsThenRefused() {
        TestCompany company = fixtures.company("鍵交換株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> created = create(admin, "受発注連携", List.of("company:read"), null);
        String clientId = clientId(created);
        String old = (String) created.get("secret");

        Map<String, Object> rotated = admin.post().uri(PATH + "/{id}/rotate-secret", clientId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("overlapSeconds", 3600))
                .exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        String fresh = (String) rotated.get("secret");
        assertThat(fresh).isNotEqualTo(old).matches("btob_sk_[A-Za-z0-9_-]{43}");
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) rotated.get("client");
        assertThat(shown).containsEntry("secretPrefix", fresh.substring(0, 14)).containsKey("previousSecretValidUntil");

        callOwnCompany(old, company).expectStatus().isOk();
        callOwnCompany(fresh, company).expectStatus().isOk();
        clock.advance(Duration.ofMinutes(59));
        callOwnCompany(old, company).expectStatus().isOk();

        clock.advance(Duration.ofMinutes(2));
        assertProblem(callOwnCompany(old, company).expectStatus().isUnauthorized().expectBody(),
                "/problems/unauthenticated", 401);
        callOwnCompany(fresh, company).expectStatus().isOk();
        assertThat(events(company.id(), "apiclient.rotate-secret")).singleElement()
                .satisfies(event -> assertThat((String) event.get("details")).contains("3600"));
        assertThat(events(company.id(), "auth.api-client")).singleElement().satisfies(event -> {
            assertThat(event).containsEntry("outcome", "FAILURE").containsEntry("actor_id", clientId);
            assertThat((String) event.get("details")).contains("secret-rotated");
        });
    }

    @Test
    @DisplayName("[SEC-RBAC] rotating twice ends the first secret at once, and an overlap of 0 ends the previous one at once; an overlap beyond seven days is refused with 400")
    void rotateWhenRepeatedThenOnlyOnePreviousSecret() {
        TestCompany company = fixtures.company("二重交換株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> created = create(admin, "連携", List.of("company:read"), null);
        String clientId = clientId(created);
        String first = (String) created.get("secret");

        String second = rotate(admin, clientId, Map.of());
        String third = rotate(admin, clientId, Map.of("overlapSeconds", 600));

        callOwnCompany(first, company).expectStatus().isUnauthorized();
        callOwnCompany(second, company).expectStatus().isOk();
        callOwnCompany(third, company).expectStatus().isOk();

        String fourth = rotate(admin, clientId, Map.of("overlapSeconds", 0));
        callOwnCompany(third, company).expectStatus().isUnauthorized();
        callOwnCompany(fourth, company).expectStatus().isOk();

        assertProblem(admin.post().uri(PATH + "/{id}/rotate-secret", clientId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("overlapSeconds", 604_801)).exchange().expectStatus().isBadRequest().expectBody(),
                "/problems/validation", 400);
        callOwnCompany(fourth, company).expectStatus().isOk();
    }

    @Test
    @DisplayName("[SEC-RBAC] a revoked client is refused with 401 from its next request, is no longer listed or readable (404), and the revocation is audited")
    void revokedWhenCalledThenRefusedAtOnce() {
        TestCompany company = fixtures.company("失効株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> created = create(admin, "旧システム", List.of("company:read"), null);
        String clientId = clientId(created);
        String secret = (String) created.get("secret");
        callOwnCompany(secret, company).expectStatus().isOk();

        admin.delete().uri(PATH + "/{id}", clientId).exchange().expectStatus().isNoContent();

        assertProblem(callOwnCompany(secret, company).expectStatus().isUnauthorized().expectBody(),
                "/problems/unauthenticated", 401);
        assertProblem(admin.get().uri(PATH + "/{id}", clientId).exchange().expectStatus().isNotFound().expectBody(),
                "/problems/not-found", 404);
        admin.delete().uri(PATH + "/{id}", clientId).exchange().expectStatus().isNotFound();
        assertThat(admin.get().uri(PATH).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).doesNotContain(clientId);
        assertThat(events(company.id(), "apiclient.revoke")).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("actor_type", "USER").containsEntry("target_id", clientId));
        assertThat(events(company.id(), "auth.api-client")).singleElement()
                .satisfies(event -> assertThat((String) event.get("details")).contains("revoked"));
    }

    @Test
    @DisplayName("[SEC-RBAC] a client past its expiry is refused with 401; an expiry in the past is refused at creation with 422")
    void expiredWhenCalledThenRefused() {
        TestCompany company = fixtures.company("期限株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> created = create(admin, "期間限定", List.of("company:read"), clock.instant().plus(Duration.ofHours(1)));
        String secret = (String) created.get("secret");
        callOwnCompany(secret, company).expectStatus().isOk();

        clock.advance(Duration.ofHours(2));

        assertProblem(callOwnCompany(secret, company).expectStatus().isUnauthorized().expectBody(),
                "/problems/unauthenticated", 401);
        assertThat(events(company.id(), "auth.api-client")).singleElement()
                .satisfies(event -> assertThat((String) event.get("details")).contains("expired"));
        WebTestClient again = client(login(company.adminLoginId()));
        assertProblem(again.post().uri(PATH).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(input("過去", List.of("company:read"), clock.instant().minusSeconds(1)))
                        .exchange().expectStatus().isEqualTo(422).expectBody(), "/problems/unprocessable", 422);
    }

    @Test
    @DisplayName("[SEC-RBAC] an unknown or malformed secret with the client prefix answers 401, a secret sent in the session cookie instead of as bearer answers 401, and a session token keeps working beside clients")
    void unknownSecretThenUnauthenticated() {
        TestCompany company = fixtures.company("不明鍵株式会社");
        String token = login(company.adminLoginId());
        create(client(token), "連携", List.of("company:read"), null);

        assertProblem(callOwnCompany("btob_sk_" + "A".repeat(43), company).expectStatus().isUnauthorized().expectBody(),
                "/problems/unauthenticated", 401);
        assertProblem(callOwnCompany("btob_sk_short", company).expectStatus().isUnauthorized().expectBody(),
                "/problems/unauthenticated", 401);
        callOwnCompany(token, company).expectStatus().isOk();
        String secret = (String) create(client(token), "クッキー", List.of("company:read"), null).get("secret");
        assertProblem(client().get().uri("/api/v1/companies/{id}", company.id()).cookie("BTOB_SESSION", secret).exchange()
                .expectStatus().isUnauthorized().expectBody(), "/problems/unauthenticated", 401);
        callOwnCompany(secret, company).expectStatus().isOk();
    }

    @Test
    @DisplayName("[SEC-IP] the company's IP allow-list holds API clients as it holds people: from outside it a client's call answers 403 ip-not-allowed, recorded as ip.block naming the client")
    void allowlistWhenClientOutsideThenBlocked() {
        TestCompany company = fixtures.company("IP連携株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> created = create(admin, "拠点連携", List.of("company:read"), null);
        String clientId = clientId(created);
        String secret = (String) created.get("secret");
        callOwnCompany(secret, company).expectStatus().isOk();

        admin.put().uri("/api/v1/company/ip-allowlist").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entries", List.of(Map.of("cidr", "192.0.2.0/24")), "confirmLockout", true))
                .exchange().expectStatus().isOk();

        assertProblem(callOwnCompany(secret, company).expectStatus().isForbidden().expectBody(),
                "/problems/ip-not-allowed", 403);
        assertThat(events(company.id(), "ip.block")).singleElement().satisfies(event -> assertThat(event)
                .containsEntry("actor_type", "API_CLIENT").containsEntry("actor_id", clientId)
                .containsEntry("target_type", "api-client").containsEntry("target_id", clientId));
    }

    @Test
    @DisplayName("[SEC-RBAC] an API client has no account of its own: /api/v1/me, its sessions and logout answer 403, whatever its scopes")
    void clientWhenOwnAccountOperationThenDenied() {
        TestCompany company = fixtures.company("本人操作株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        WebTestClient erp = client((String) create(admin, "全権", List.of("company:read", "admin:security",
                "admin:api-clients"), null).get("secret"));

        assertProblem(erp.get().uri("/api/v1/me").exchange().expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
        assertProblem(erp.get().uri("/api/v1/me/sessions").exchange().expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
        assertProblem(erp.post().uri("/api/v1/auth/logout").exchange().expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
        erp.get().uri("/api/v1/company/sessions").exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("[SEC-RBAC] scopes beyond the administrator's own permissions answer 403 permission-escalation naming them, at creation and update, from a user or a client; nothing is saved and the attempt is recorded")
    void scopesWhenBeyondOwnPermissionsThenEscalationRefused() {
        TestCompany company = fixtures.company("昇格拒否株式会社");
        String limited = fixtures.userWith(company.id(), List.of("admin:api-clients", "order:read"), List.of());
        WebTestClient manager = client(login(limited));

        WebTestClient.BodyContentSpec refused = manager.post().uri(PATH).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(input("越権", List.of("order:read", "invoice:approve"), null))
                .exchange().expectStatus().isForbidden().expectBody();
        assertProblem(refused, "/problems/permission-escalation", 403);
        refused.jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).contains("invoice:approve")
                .doesNotContain("order:read"));
        assertThat(sql.count("SELECT count(*) FROM api_client WHERE company_id = ?", company.id())).isZero();

        String clientId = clientId(create(manager, "注文参照", List.of("order:read"), null));
        assertProblem(manager.put().uri(PATH + "/{id}", clientId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(input("注文参照", List.of("order:read", "admin:security"), null))
                .exchange().expectStatus().isForbidden().expectBody(), "/problems/permission-escalation", 403);
        assertThat(manager.get().uri(PATH + "/{id}", clientId).exchange().expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody()).containsEntry("scopes", List.of("order:read"));

        WebTestClient admin = client(login(company.adminLoginId()));
        WebTestClient provisioner = client((String) create(admin, "払出", List.of("admin:api-clients", "company:read"), null)
                .get("secret"));
        assertProblem(provisioner.post().uri(PATH).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(input("孫", List.of("partner:manage"), null))
                .exchange().expectStatus().isForbidden().expectBody(), "/problems/permission-escalation", 403);
        assertThat(events(company.id(), "access.denied")).hasSize(3)
                .allSatisfy(event -> assertThat((String) event.get("details")).contains("permission-escalation"));
        assertThat(sql.count("SELECT count(*) FROM api_client WHERE company_id = ?", company.id())).isEqualTo(2);
    }

    @Test
    @DisplayName("[SEC-RBAC] screen permissions cannot be scopes (422 naming each), and an update's new scopes hold from the client's next request")
    void scopesWhenScreenThenRefusedAndWhenUpdatedThenEffective() {
        TestCompany company = fixtures.company("範囲変更株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> problem = admin.post().uri(PATH).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(input("画面", List.of("company:read", "screen:orders"), null))
                .exchange().expectStatus().isEqualTo(422).expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(problem.get("errors").toString()).contains("scopes[1]");

        Map<String, Object> created = create(admin, "変更前", List.of("company:read"), null);
        String clientId = clientId(created);
        WebTestClient erp = client((String) created.get("secret"));
        erp.get().uri("/api/v1/companies/{id}/partners", company.id()).exchange().expectStatus().isForbidden();

        Map<String, Object> updated = admin.put().uri(PATH + "/{id}", clientId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(input("変更後", List.of("partner:read"), null)).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(updated).containsEntry("name", "変更後").containsEntry("scopes", List.of("partner:read"));
        erp.get().uri("/api/v1/companies/{id}/partners", company.id()).exchange().expectStatus().isOk();
        erp.get().uri("/api/v1/companies/{id}", company.id()).exchange().expectStatus().isForbidden();
        assertThat(events(company.id(), "apiclient.update")).singleElement()
                .satisfies(event -> assertThat((String) event.get("details")).contains("scopesBefore", "company:read"));
    }

    @Test
    @DisplayName("[PLT-TENANT] a client reaches only its own company: another company's resources and API clients answer the same 404 as ones that do not exist")
    void clientWhenOtherCompanyThenNotFound() {
        TestCompany a = fixtures.company("境界A株式会社");
        TestCompany b = fixtures.company("境界B株式会社");
        WebTestClient adminA = client(login(a.adminLoginId()));
        String bClient = clientId(create(client(login(b.adminLoginId())), "B連携", List.of("company:read"), null));
        WebTestClient erpA = client((String) create(adminA, "A連携", List.of("company:read", "partner:read",
                "admin:api-clients"), null).get("secret"));

        assertProblem(erpA.get().uri("/api/v1/companies/{id}/partners", b.id()).exchange().expectStatus().isNotFound()
                .expectBody(), "/problems/not-found", 404);
        assertProblem(erpA.get().uri("/api/v1/companies/{id}/users", b.id()).exchange().expectStatus().isNotFound()
                .expectBody(), "/problems/not-found", 404);
        assertProblem(erpA.get().uri(PATH + "/{id}", bClient).exchange().expectStatus().isNotFound().expectBody(),
                "/problems/not-found", 404);
        assertProblem(erpA.delete().uri(PATH + "/{id}", bClient).exchange().expectStatus().isNotFound().expectBody(),
                "/problems/not-found", 404);
        assertThat(sql.count("SELECT count(*) FROM api_client WHERE id = ? AND revoked_at IS NULL", UUID.fromString(bClient)))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("[OPS-AUDIT] what a client changes is recorded with the client as actor, and a client with admin:audit reads it as a user would")
    void clientWhenChangingThenAuditNamesIt() {
        TestCompany company = fixtures.company("監査連携株式会社");
        TestCompany partner = fixtures.company("取引先連携株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> created = create(admin, "取引先登録", List.of("partner:manage", "admin:audit"), null);
        String clientId = clientId(created);
        WebTestClient erp = client((String) created.get("secret"));

        String connection = invite(erp, company.id(), partner.code(), "ERPからの招待");

        Map<String, Object> page = erp.get().uri("/api/v1/audit?action=partner.invite").exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(page.get("items").toString()).contains("API_CLIENT", clientId, connection);
        assertThat(events(partner.id(), "partner.invite")).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("actor_type", "API_CLIENT").containsEntry("actor_id", clientId));
    }

    @Test
    @DisplayName("[SEC-RBAC] last use is written at most once a minute, not on every request")
    void lastUsedWhenCalledOftenThenWrittenOncePerMinute() {
        TestCompany company = fixtures.company("利用記録株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> created = create(admin, "頻繁", List.of("company:read"), null);
        UUID clientId = UUID.fromString(clientId(created));
        String secret = (String) created.get("secret");

        callOwnCompany(secret, company).expectStatus().isOk();
        Object first = lastUsed(clientId);
        clock.advance(Duration.ofSeconds(30));
        callOwnCompany(secret, company).expectStatus().isOk();
        assertThat(lastUsed(clientId)).as("within the minute").isEqualTo(first);
        clock.advance(Duration.ofSeconds(31));
        callOwnCompany(secret, company).expectStatus().isOk();

        assertThat(first).isNotNull();
        assertThat(lastUsed(clientId)).as("after the minute").isNotEqualTo(first);
        assertThat(client(login(company.adminLoginId())).get().uri(PATH + "/{id}", clientId).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody()).containsKey("lastUsedAt");
    }

    @Test
    @DisplayName("[SEC-RBAC] a client with admin:security changes the security settings as an administrator would: they name the client as updatedBy, and the audit trail as actor")
    void clientWhenChangingSecuritySettingsThenNamedAsUpdater() {
        TestCompany company = fixtures.company("設定連携株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> created = create(admin, "設定管理", List.of("admin:security"), null);
        String erpId = clientId(created);
        WebTestClient erp = client((String) created.get("secret"));

        Map<String, Object> saved = SecuritySettingsSteps.change(erp, form -> SecuritySettingsSteps.set(form, "lockout.maxFailures", 3));

        assertThat(saved).containsEntry("updatedBy", erpId);
        assertThat(SecuritySettingsSteps.get(SecuritySettingsSteps.read(admin), "lockout.maxFailures")).isEqualTo(3);
        assertThat(events(company.id(), "settings.security-update")).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("actor_type", "API_CLIENT").containsEntry("actor_id", erpId));
    }

    @Test
    @DisplayName("[SEC-RBAC] two rotations at once both answer a secret, and the client ends with one current secret and one previous one, never two in overlap")
    void rotateWhenConcurrentThenOneCurrentAndOnePrevious() throws Exception {
        TestCompany company = fixtures.company("同時交換株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> created = create(admin, "同時", List.of("company:read"), null);
        String clientId = clientId(created);

        CompletableFuture<String> one = CompletableFuture.supplyAsync(() -> rotate(admin, clientId, Map.of()));
        CompletableFuture<String> two = CompletableFuture.supplyAsync(() -> rotate(admin, clientId, Map.of()));
        List<String> secrets = List.of(one.get(30, TimeUnit.SECONDS), two.get(30, TimeUnit.SECONDS));

        assertThat(secrets).doesNotHaveDuplicates();
        assertThat(sql.count("SELECT count(*) FROM api_client_secret WHERE client_id = ? AND valid_until IS NULL",
                UUID.fromString(clientId))).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM api_client_secret WHERE client_id = ? AND valid_until > now()",
                UUID.fromString(clientId))).isEqualTo(1);
        long working = secrets.stream().filter(secret -> callOwnCompany(secret, company).returnResult(String.class)
                .getStatus().value() == 200).count();
        assertThat(working).as("the newer secret, and the other as the previous one").isEqualTo(2);
        callOwnCompany((String) created.get("secret"), company).expectStatus().isUnauthorized();
    }

    private Object lastUsed(UUID clientId) {
        return sql.rows("SELECT last_used_at FROM api_client WHERE id = ?", clientId).get(0).get("last_used_at");
    }

    private WebTestClient.ResponseSpec callOwnCompany(String bearer, TestCompany company) {
        return client(bearer).get().uri("/api/v1/companies/{id}", company.id()).exchange();
    }

    static Map<String, Object> create(WebTestClient admin, String name, List<String> scopes, Instant expiresAt) {
        return admin.post().uri(PATH).contentType(MediaType.APPLICATION_JSON).bodyValue(input(name, scopes, expiresAt))
                .exchange().expectStatus().isCreated()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private static String rotate(WebTestClient admin, String clientId, Map<String, Object> body) {
        return (String) admin.post().uri(PATH + "/{id}/rotate-secret", clientId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult()
                .getResponseBody().get("secret");
    }

    static String clientId(Map<String, Object> created) {
        return String.valueOf(((Map<?, ?>) created.get("client")).get("id"));
    }

    private static Map<String, Object> input(String name, List<String> scopes, Instant expiresAt) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", name);
        input.put("scopes", scopes);
        if (expiresAt != null) {
            input.put("expiresAt", expiresAt.toString());
        }
        return input;
    }

    private List<Map<String, Object>> events(UUID companyId, String action) {
        return sql.rows("""
                SELECT outcome, actor_type, actor_id::text AS actor_id, target_type, target_id::text AS target_id,
                       details::text AS details
                FROM audit_event WHERE company_id = ? AND action = ? ORDER BY seq
                """, companyId, action);
    }
}
