package jp.btob.platform.company.management;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Operators register, suspend and reactivate companies, see only their metadata and counts, and are audited. */
class OperatorCompanyTests extends IntegrationTest {

    private static final String COMPANIES = "/api/v1/operator/companies";

    private static final UUID PLATFORM_CHAIN = new UUID(0, 0);

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SEC-RBAC] [OPS-PRIV] an operator registers a company: its administrator holds company-admin, logs in with the one-time password and must change it first; audited on both chains")
    @SuppressWarnings("unchecked")
    void createThenAdministratorMustChangeTemporaryPassword() {
        String operator = operatorLogin(DemoData.OPERATOR.loginId());
        String loginId = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> created = client(operator).post().uri(COMPANIES)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(registration("株式会社テスト物産", loginId))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(JSON).returnResult().getResponseBody();
        Map<String, Object> company = (Map<String, Object>) created.get("company");
        UUID companyId = UUID.fromString((String) company.get("id"));
        assertThat(company.get("status")).isEqualTo("ACTIVE");
        assertThat((String) company.get("code")).matches("[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat((Map<String, Object>) company.get("counts")).containsEntry("users", 1).containsEntry("activeUsers", 1);
        String temporary = (String) created.get("temporaryPassword");
        assertThat(temporary).hasSizeBetween(8, 15);
        assertThat(sql.count("SELECT count(*) FROM app_user u JOIN user_role r ON r.user_id = u.id"
                + " WHERE u.login_id = ? AND u.company_id = ? AND r.role_id = '00000000-0000-4000-8000-00000000a001'"
                + " AND u.password_reset_required AND u.password_hash NOT LIKE ?", loginId, companyId, "%" + temporary + "%"))
                .as("company-admin, reset required, only the hash kept").isOne();

        Map<?, ?> session = loginSession(loginId, temporary);
        assertThat(session.get("passwordChangeRequired")).isEqualTo(true);
        String admin = (String) session.get("token");
        assertProblem(client(admin).get().uri("/api/v1/companies/" + companyId + "/users").exchange()
                .expectStatus().isForbidden().expectBody(), "/problems/password-change-required", 403);
        client(admin).put().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", temporary, "newPassword", "Neu#Passwort26"))
                .exchange().expectStatus().is2xxSuccessful().expectBody().returnResult();
        client(login(loginId, "Neu#Passwort26")).get().uri("/api/v1/companies/" + companyId + "/users").exchange()
                .expectStatus().isOk();

        for (Object chain : List.of(PLATFORM_CHAIN, companyId)) {
            assertThat(sql.count("SELECT count(*) FROM audit_event WHERE chain = ? AND action = 'company.create'"
                    + " AND actor_type = 'OPERATOR' AND actor_id = ? AND target_id = ?", chain, DemoData.OPERATOR.id(),
                    companyId)).isOne();
        }
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE content LIKE ?", "%" + temporary + "%"))
                .as("the password is in no audit event").isZero();
    }

    @Test
    @DisplayName("[SEC-RBAC] a login ID taken on the platform, in any case, answers 409 login-id-taken and leaves no company behind")
    void createWhenLoginIdTakenThenConflictAndNothingWritten() {
        String operator = operatorLogin(DemoData.OPERATOR.loginId());
        String name = "株式会社重複 " + UUID.randomUUID();
        long companies = sql.count("SELECT count(*) FROM company");
        long creations = sql.count("SELECT count(*) FROM audit_event WHERE action = 'company.create'");
        assertProblem(client(operator).post().uri(COMPANIES).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(registration(name, "BUYER-ADMIN")).exchange()
                .expectStatus().isEqualTo(409).expectBody(), "/problems/login-id-taken", 409);
        assertThat(sql.count("SELECT count(*) FROM company WHERE name = ?", name)).isZero();
        assertThat(sql.count("SELECT count(*) FROM company")).isEqualTo(companies);
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE action = 'company.create'")).isEqualTo(creations);
    }

    @Test
    @DisplayName("[SEC-RBAC] two registrations at once with one administrator login ID: one 201, one 409, exactly one company")
    void createWhenRaceOnLoginIdThenOneCompany() {
        String operator = operatorLogin(DemoData.OPERATOR.loginId());
        String loginId = "race-" + UUID.randomUUID().toString().substring(0, 8);
        String name = "株式会社同時登録 " + loginId;
        // A registration before the race: Jackson builds a type's deserializer once, under a lock
        // that two first requests at once would wait on (BlockHound reports that wait).
        client(operator).post().uri(COMPANIES).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(registration("株式会社準備", "warm-" + UUID.randomUUID().toString().substring(0, 8)))
                .exchange().expectStatus().isCreated().expectBody().returnResult();
        List<CompletableFuture<Integer>> answers = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> client(operator).post().uri(COMPANIES)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(registration(name, loginId))
                        .exchange().returnResult(Map.class).getStatus().value()))
                .toList();
        assertThat(answers.stream().map(CompletableFuture::join).sorted().toList()).containsExactly(201, 409);
        assertThat(sql.count("SELECT count(*) FROM company WHERE name = ?", name)).isOne();
    }

    @Test
    @DisplayName("[SEC-RBAC] [PLT-ERR] a registration without a name, an administrator or a valid registration number or e-mail answers 400 naming the field, and writes nothing")
    void createWhenInvalidThenValidationProblem() {
        String operator = operatorLogin(DemoData.OPERATOR.loginId());
        long before = sql.count("SELECT count(*) FROM company");
        Map<String, Object> noName = new java.util.HashMap<>(registration("x", "valid-" + UUID.randomUUID().toString().substring(0, 8)));
        noName.remove("name");
        Map<String, Object> badNumber = new java.util.HashMap<>(noName);
        badNumber.put("name", "株式会社番号違い");
        badNumber.put("registrationNumber", "T12345");
        Map<String, Object> noAdmin = Map.of("name", "株式会社管理者なし");
        Map<String, Object> badEmail = Map.of("name", "株式会社メール違い", "administrator",
                Map.of("loginId", "mail-" + UUID.randomUUID().toString().substring(0, 8), "displayName", "管理者", "email", "not-an-email"));
        for (Map<String, Object> body : List.of(noName, badNumber, noAdmin, badEmail)) {
            assertProblem(client(operator).post().uri(COMPANIES).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isBadRequest().expectBody(), "/problems/validation", 400);
        }
        assertThat(sql.count("SELECT count(*) FROM company")).isEqualTo(before);
    }

    @Test
    @DisplayName("[SEC-RBAC] [OPS-PRIV] suspension ends the company's live sessions and refuses its logins with 403 company-suspended (a wrong password still 401); reactivation lets them log in again; each audited with the reason")
    @SuppressWarnings("unchecked")
    void suspendThenSessionsEndAndLoginsRefusedUntilReactivated() {
        String operator = operatorLogin(DemoData.OPERATOR.loginId());
        var company = fixtures.company("株式会社停止対象");
        String live = login(company.adminLoginId());
        client(live).get().uri("/api/v1/me").exchange().expectStatus().isOk();

        Map<String, Object> suspended = client(operator).post().uri(COMPANIES + "/" + company.id() + "/suspend")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "利用料金の長期未払い"))
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(suspended).containsEntry("status", "SUSPENDED").containsEntry("suspensionReason", "利用料金の長期未払い")
                .containsKey("suspendedAt");
        assertThat((Map<String, Object>) suspended.get("counts")).containsEntry("liveSessions", 0);

        assertProblem(client(live).get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized().expectBody(),
                "/problems/unauthenticated", 401);
        assertThat(sql.count("SELECT count(*) FROM user_session WHERE company_id = ? AND end_reason = 'COMPANY_SUSPENDED'",
                company.id())).isOne();
        assertProblem(loginAttempt(company.adminLoginId(), DemoData.PASSWORD).expectStatus().isForbidden().expectBody(),
                "/problems/company-suspended", 403);
        assertProblem(loginAttempt(company.adminLoginId(), "Wrong#pass99").expectStatus().isUnauthorized().expectBody(),
                "/problems/invalid-credentials", 401);
        assertThat(sql.rows("SELECT details->>'reason' AS reason, details->>'sessionsEnded' AS ended FROM audit_event"
                + " WHERE chain = ? AND action = 'company.suspend' AND target_id = ?", PLATFORM_CHAIN, company.id()))
                .containsExactly(Map.of("reason", "利用料金の長期未払い", "ended", "1"));
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE chain = ? AND action = 'company.suspend'",
                company.id())).isOne();

        assertProblem(client(operator).post().uri(COMPANIES + "/" + company.id() + "/suspend")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "二度目"))
                .exchange().expectStatus().isEqualTo(409).expectBody(), "/problems/invalid-transition", 409);

        client(operator).post().uri(COMPANIES + "/" + company.id() + "/reactivate").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.suspensionReason").doesNotExist();
        client(login(company.adminLoginId())).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        client(live).get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE chain = ? AND action = 'company.reactivate'"
                + " AND target_id = ?", PLATFORM_CHAIN, company.id())).isOne();
        assertProblem(client(operator).post().uri(COMPANIES + "/" + company.id() + "/reactivate").exchange()
                .expectStatus().isEqualTo(409).expectBody(), "/problems/invalid-transition", 409);
    }

    @Test
    @DisplayName("[SEC-RBAC] a suspension needs a reason; an unknown company answers 404 to every operation")
    void suspendWhenNoReasonOrUnknownThenRefused() {
        String operator = operatorLogin(DemoData.OPERATOR.loginId());
        var company = fixtures.company("株式会社理由なし");
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of(), Map.of("reason", ""))) {
            assertProblem(client(operator).post().uri(COMPANIES + "/" + company.id() + "/suspend")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().isBadRequest().expectBody(), "/problems/validation", 400);
        }
        assertThat(sql.count("SELECT count(*) FROM company WHERE id = ? AND status = 'ACTIVE'", company.id())).isOne();
        UUID unknown = UUID.randomUUID();
        assertProblem(client(operator).get().uri(COMPANIES + "/" + unknown).exchange().expectStatus().isNotFound()
                .expectBody(), "/problems/not-found", 404);
        assertProblem(client(operator).post().uri(COMPANIES + "/" + unknown + "/suspend")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "不明")).exchange()
                .expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        assertProblem(client(operator).post().uri(COMPANIES + "/" + unknown + "/reactivate").exchange()
                .expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
    }

    @Test
    @DisplayName("[OPS-PRIV] [SEC-RBAC] a company administrator's session cannot call the operators' company management: 401 on every operation, and nothing changes")
    void companySessionThenRefused() {
        String admin = login("buyer-admin");
        UUID buyer = DemoData.BUYER.id();
        List<WebTestClient.RequestHeadersSpec<?>> calls = List.of(
                client(admin).get().uri(COMPANIES),
                client(admin).get().uri(COMPANIES + "/" + buyer),
                client(admin).post().uri(COMPANIES).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(registration("株式会社不正", "rogue-" + UUID.randomUUID().toString().substring(0, 8))),
                client(admin).post().uri(COMPANIES + "/" + DemoData.SELLER.id() + "/suspend")
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "競合他社")),
                client(admin).method(HttpMethod.POST).uri(COMPANIES + "/" + buyer + "/reactivate"));
        for (WebTestClient.RequestHeadersSpec<?> call : calls) {
            assertProblem(call.exchange().expectStatus().isUnauthorized().expectBody(), "/problems/unauthenticated", 401);
        }
        assertThat(sql.count("SELECT count(*) FROM company WHERE id = ? AND status = 'ACTIVE'", DemoData.SELLER.id())).isOne();
        assertThat(sql.count("SELECT count(*) FROM company WHERE name = '株式会社不正'")).isZero();
    }

    @Test
    @DisplayName("[OPS-PRIV] the operators' list filters by status and by a part of the name or kana (wildcards as plain text), pages with a cursor, and shows metadata and counts only")
    void listThenFilteredPagedMetadataOnly() {
        String operator = operatorLogin(DemoData.OPERATOR.loginId());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var first = fixtures.company("株式会社一覧" + tag + "甲");
        var second = fixtures.company("株式会社一覧" + tag + "乙");
        client(operator).post().uri(COMPANIES + "/" + second.id() + "/suspend").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "一覧の試験")).exchange().expectStatus().isOk();

        Map<String, Object> page = list(operator, "?name=" + tag + "&limit=1");
        List<Map<String, Object>> items = items(page);
        assertThat(items).hasSize(1);
        assertThat(items.get(0)).containsEntry("id", first.id().toString());
        assertThat(items.get(0).keySet()).isSubsetOf("id", "code", "name", "nameKana", "registrationNumber", "status",
                "suspendedAt", "suspensionReason", "counts", "createdAt", "updatedAt");
        String next = (String) ((Map<?, ?>) page.get("page")).get("nextCursor");
        assertThat(items(list(operator, "?name=" + tag + "&limit=1&cursor=" + next))).extracting(item -> item.get("id"))
                .containsExactly(second.id().toString());

        assertThat(items(list(operator, "?name=" + tag + "&status=SUSPENDED"))).extracting(item -> item.get("id"))
                .containsExactly(second.id().toString());
        assertThat(items(list(operator, "?name=%25" + tag))).as("% is a character, not a wildcard").isEmpty();
    }

    private Map<String, Object> list(String operator, String query) {
        return client(operator).get().uri(COMPANIES + query).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private WebTestClient.ResponseSpec loginAttempt(String loginId, String password) {
        return client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password)).exchange();
    }

    private static Map<String, Object> registration(String name, String loginId) {
        return Map.of("name", name, "nameKana", "カブシキガイシャテスト", "registrationNumber", "T8040001999999",
                "administrator", Map.of("loginId", loginId, "displayName", "新会社 管理者", "email", loginId + "@new.example"));
    }
}
