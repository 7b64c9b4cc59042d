package jp.btob.platform.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.LoginSteps;
import jp.btob.platform.support.SecuritySettingsSteps;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.admin.AdminSteps.STAFF_ROLE;
import static jp.btob.platform.admin.AdminSteps.USERS;
import static jp.btob.platform.admin.AdminSteps.action;
import static jp.btob.platform.admin.AdminSteps.body;
import static jp.btob.platform.admin.AdminSteps.created;
import static jp.btob.platform.admin.AdminSteps.list;
import static jp.btob.platform.admin.AdminSteps.mailTo;
import static jp.btob.platform.admin.AdminSteps.newUser;
import static jp.btob.platform.admin.AdminSteps.unique;
import static jp.btob.platform.admin.AdminSteps.user;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A user's life as their administrator runs it: added, signed in, disabled, enabled, reset, deleted. */
class UserLifecycleTests extends IntegrationTest {

    private static final String NEW_PASSWORD = "Umi#Yama-2027x";

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SEC-RBAC] an administrator adds a user with a role, a grant and a denial: the temporary password is answered once and e-mailed never, the first login may only change it, and after the change the user works with exactly those permissions; audited as user.create and role.grant, which raises the operators' privilege alert")
    void createThenTemporaryPasswordForcesChangeThenWorks() {
        TestCompany company = fixtures.company("利用者追加株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String loginId = unique("Clerk");

        WebTestClient.ResponseSpec response = AdminSteps.create(admin,
                newUser(loginId, List.of(STAFF_ROLE), List.of("admin:audit"), List.of("screen:invoices")));
        response.expectStatus().isCreated().expectHeader().value("Location", location -> assertThat(location).startsWith(USERS + "/"));
        Map<String, Object> answer = body(response);
        Map<String, Object> user = asMap(answer.get("user"));
        String temporary = (String) answer.get("temporaryPassword");
        UUID id = UUID.fromString((String) user.get("id"));

        assertThat(temporary).hasSizeBetween(8, 15).matches(".*[A-Z].*").matches(".*[a-z].*").matches(".*[0-9].*");
        assertThat(user).containsEntry("status", "ACTIVE").containsEntry("passwordResetRequired", true)
                .containsEntry("loginId", loginId);
        assertThat(list(user.get("permissions"))).contains("admin:audit", "order:place").doesNotContain("admin:users");
        assertThat(list(user.get("screens"))).contains("screen:orders").doesNotContain("screen:invoices");
        assertThat(list(user.get("grants"))).containsExactly("admin:audit");
        assertThat(list(user.get("denials"))).containsExactly("screen:invoices");
        assertThat(sql.rows("SELECT password_hash FROM app_user WHERE id = ?", id).get(0).get("password_hash"))
                .as("only a hash is kept").asString().startsWith("$argon2id$").doesNotContain(temporary);
        assertThat(events(company.id(), "user.create", id)).isEqualTo(1);
        assertThat(events(company.id(), "role.grant", id)).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM alert WHERE company_id = ? AND action = 'role.grant'", company.id()))
                .as("the operators' privilege alert").isEqualTo(1);

        String email = (String) user.get("email");
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(email).size() == 1);
        assertThat(mailTo(email).get(0)).doesNotContain(temporary).doesNotContain(loginId);
        assertThat(admin.get().uri(USERS + "/{id}", id).exchange().expectBody(String.class).returnResult()
                .getResponseBody()).as("never shown again").doesNotContain(temporary);

        Map<?, ?> first = loginSession(loginId.toLowerCase(), temporary);
        assertThat(first.get("passwordChangeRequired")).isEqualTo(true);
        WebTestClient clerk = client((String) first.get("token"));
        assertProblem(clerk.get().uri("/api/v1/audit").exchange().expectStatus().isForbidden().expectBody(),
                "/problems/password-change-required", 403);
        clerk.put().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", temporary, "newPassword", NEW_PASSWORD))
                .exchange().expectStatus().isNoContent();

        clerk.get().uri("/api/v1/audit").exchange().expectStatus().isOk();
        assertProblem(clerk.get().uri("/api/v1/company/security-settings").exchange().expectStatus().isForbidden()
                .expectBody(), "/problems/permission-denied", 403);
        assertThat(loginSession(loginId, NEW_PASSWORD).get("passwordChangeRequired")).isEqualTo(false);
        assertThat(user(admin, id)).containsEntry("passwordResetRequired", false);
    }

    @Test
    @DisplayName("[SEC-RBAC] [SEC-PWPOL] temporary passwords keep the company's own policy: under a 20-to-24-character policy of four classes, each is 20 characters of every class, and each works once")
    void temporaryPasswordWhenStricterPolicyThenKeepsIt() {
        TestCompany company = fixtures.company("厳格方針株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        SecuritySettingsSteps.change(admin, form -> {
            SecuritySettingsSteps.set(form, "preset", "CUSTOM");
            SecuritySettingsSteps.set(form, "passwordPolicy.minLength", 20);
            SecuritySettingsSteps.set(form, "passwordPolicy.maxLength", 24);
            SecuritySettingsSteps.set(form, "passwordPolicy.minCharacterClasses", 4);
        });

        for (int i = 0; i < 3; i++) {
            String loginId = unique("strict");
            String temporary = (String) created(admin, newUser(loginId, List.of(STAFF_ROLE), List.of(), List.of()))
                    .get("temporaryPassword");
            assertThat(temporary).hasSize(20).matches(".*[A-Z].*").matches(".*[a-z].*").matches(".*[0-9].*")
                    .matches(".*[^A-Za-z0-9].*");
            assertThat(loginSession(loginId, temporary).get("passwordChangeRequired")).isEqualTo(true);
        }
    }

    @Test
    @DisplayName("[SEC-RBAC] disabling a user ends their live sessions at once and refuses their login as a wrong password would; enabling lets them in again; each audited")
    void disableThenSessionsAndLoginRefusedThenEnable() {
        TestCompany company = fixtures.company("利用停止株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        UUID staff = userId(company.staffLoginId());
        WebTestClient session = client(login(company.staffLoginId()));
        session.get().uri("/api/v1/me").exchange().expectStatus().isOk();

        Map<String, Object> disabled = body(action(admin, staff, "disable").expectStatus().isOk());

        assertThat(disabled).containsEntry("status", "DISABLED");
        session.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        LoginSteps.Refusal refused = LoginSteps.refused(client(), company.staffLoginId(), DemoData.PASSWORD);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).containsEntry("type", "/problems/invalid-credentials");
        assertThat(sql.rows("SELECT end_reason FROM user_session WHERE user_id = ?", staff))
                .extracting(row -> row.get("end_reason")).containsOnly("USER_DISABLED");
        assertThat(body(action(admin, staff, "disable").expectStatus().isOk())).containsEntry("status", "DISABLED");
        assertThat(events(company.id(), "user.disable", staff)).as("a second disable changes nothing").isEqualTo(1);

        assertThat(body(action(admin, staff, "enable").expectStatus().isOk())).containsEntry("status", "ACTIVE");
        client(login(company.staffLoginId())).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        assertThat(events(company.id(), "user.enable", staff)).isEqualTo(1);
    }

    @Test
    @DisplayName("[SEC-RBAC] deleting a user ends their sessions and refuses their login for good; the row and the audit trail are kept, the lists hide them unless asked for DELETED, and they cannot be enabled, changed or deleted again")
    void deleteThenGoneForGoodButRecordKept() {
        TestCompany company = fixtures.company("利用者削除株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        UUID staff = userId(company.staffLoginId());
        WebTestClient session = client(login(company.staffLoginId()));
        long trailBefore = sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND actor_id = ?", company.id(), staff);
        assertThat(trailBefore).as("the user's own login is in the trail").isPositive();
        Map<String, Object> before = user(admin, staff);

        admin.delete().uri(USERS + "/{id}", staff).exchange().expectStatus().isNoContent();

        session.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        assertThat(LoginSteps.refused(client(), company.staffLoginId(), DemoData.PASSWORD).status()).isEqualTo(401);
        assertThat(sql.rows("SELECT status, deleted_at FROM app_user WHERE id = ?", staff).get(0))
                .containsEntry("status", "DELETED").extractingByKey("deleted_at").isNotNull();
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND actor_id = ?", company.id(), staff))
                .as("the trail kept").isEqualTo(trailBefore);
        assertThat(events(company.id(), "user.delete", staff)).isEqualTo(1);
        assertThat(ids(admin.get().uri(USERS).exchange())).doesNotContain(staff.toString()).isNotEmpty();
        assertThat(ids(admin.get().uri("/api/v1/companies/{id}/users", company.id()).exchange())).doesNotContain(staff.toString());
        assertThat(ids(admin.get().uri(USERS + "?status=DELETED").exchange())).containsExactly(staff.toString());
        assertThat(user(admin, staff)).containsEntry("status", "DELETED");

        assertProblem(action(admin, staff, "enable").expectStatus().isEqualTo(409).expectBody(), "/problems/invalid-transition", 409);
        assertProblem(admin.delete().uri(USERS + "/{id}", staff).exchange().expectStatus().isEqualTo(409).expectBody(),
                "/problems/invalid-transition", 409);
        assertProblem(AdminSteps.put(admin, staff, AdminSteps.update(before, List.of(STAFF_ROLE), List.of(), List.of()))
                .expectStatus().isEqualTo(409).expectBody(), "/problems/invalid-transition", 409);
        assertProblem(action(admin, staff, "password-reset").expectStatus().isEqualTo(409).expectBody(),
                "/problems/invalid-transition", 409);
        assertThat(sql.rows("SELECT status FROM app_user WHERE id = ?", staff).get(0)).containsEntry("status", "DELETED");
    }

    @Test
    @DisplayName("[SEC-RBAC] a password reset answers a new temporary password once, ends every session of the user, refuses the old password, forces a change at the next login and e-mails a notice without the password")
    void resetPasswordThenSessionsEndAndChangeForced() {
        TestCompany company = fixtures.company("再設定株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        UUID staff = userId(company.staffLoginId());
        WebTestClient phone = client(login(company.staffLoginId()));
        WebTestClient laptop = client(login(company.staffLoginId()));
        String email = (String) user(admin, staff).get("email");

        Map<String, Object> reset = body(action(admin, staff, "password-reset").expectStatus().isOk());

        String temporary = (String) reset.get("temporaryPassword");
        assertThat(reset).containsEntry("sessionsEnded", 2);
        phone.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        laptop.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        assertThat(LoginSteps.refused(client(), company.staffLoginId(), DemoData.PASSWORD).status()).isEqualTo(401);
        assertThat(loginSession(company.staffLoginId(), temporary).get("passwordChangeRequired")).isEqualTo(true);
        assertThat(events(company.id(), "user.password-reset", staff)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(email).size() == 1);
        assertThat(mailTo(email).get(0)).contains("reset").doesNotContain(temporary);
        assertThat(sql.rows("SELECT end_reason FROM user_session WHERE user_id = ? AND ended_at IS NOT NULL", staff))
                .extracting(row -> row.get("end_reason")).containsOnly("PASSWORD_RESET");
    }

    @Test
    @DisplayName("[SEC-RBAC] an administrator ends every session of a user: each token is refused at once, the user may log in again, audited as user.sessions-end with the count")
    void endSessionsThenRefusedAndLoginStillWorks() {
        TestCompany company = fixtures.company("全終了株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        UUID staff = userId(company.staffLoginId());
        WebTestClient one = client(login(company.staffLoginId()));
        WebTestClient two = client(login(company.staffLoginId()));

        assertThat(body(admin.delete().uri(USERS + "/{id}/sessions", staff).exchange().expectStatus().isOk()))
                .containsEntry("sessionsEnded", 2);

        one.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        two.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        admin.get().uri("/api/v1/me").exchange().expectStatus().isOk();
        client(login(company.staffLoginId())).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        assertThat(sql.rows("SELECT details->>'sessionsEnded' AS ended FROM audit_event WHERE company_id = ? "
                + "AND action = 'user.sessions-end' AND target_id = ?", company.id(), staff))
                .extracting(row -> row.get("ended")).containsExactly("2");
    }

    @Test
    @DisplayName("[SEC-RBAC] [PLT-PAGE] the user list pages in creation order and filters by status and by role")
    void listThenPagedAndFiltered() {
        TestCompany company = fixtures.company("一覧株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String role = (String) body(AdminSteps.createRole(admin, "一覧役割", List.of("order:read")).expectStatus().isCreated()).get("id");
        for (int i = 0; i < 3; i++) {
            created(admin, newUser(unique("listed"), List.of(role), List.of(), List.of()));
        }
        action(admin, userId(company.staffLoginId()), "disable").expectStatus().isOk();

        assertThat(ids(admin.get().uri(USERS + "?roleId=" + role).exchange())).hasSize(3);
        assertThat(ids(admin.get().uri(USERS + "?status=DISABLED").exchange()))
                .containsExactly(userId(company.staffLoginId()).toString());
        Map<String, Object> first = body(admin.get().uri(USERS + "?limit=3").exchange().expectStatus().isOk());
        String cursor = (String) asMap(first.get("page")).get("nextCursor");
        Map<String, Object> second = body(admin.get().uri(USERS + "?limit=3&cursor=" + cursor).exchange().expectStatus().isOk());
        List<Map<String, Object>> all = list(first.get("items"));
        List<Map<String, Object>> rest = list(second.get("items"));
        assertThat(all).hasSize(3);
        assertThat(rest).hasSize(2);
        assertThat(asMap(second.get("page"))).doesNotContainKey("nextCursor");
        assertThat(all.get(0)).containsEntry("loginId", company.adminLoginId());
    }

    private List<String> ids(WebTestClient.ResponseSpec response) {
        List<Map<String, Object>> items = list(body(response.expectStatus().isOk()).get("items"));
        return items.stream().map(item -> (String) item.get("id")).toList();
    }

    private long events(UUID companyId, String action, UUID target) {
        return sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = ? AND target_id = ?",
                companyId, action, target);
    }

    private UUID userId(String loginId) {
        return (UUID) sql.rows("SELECT id FROM app_user WHERE login_id = ?", loginId).get(0).get("id");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
