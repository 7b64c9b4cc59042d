package jp.btob.platform.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.SpecOperations;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static jp.btob.platform.support.SecuritySettingsSteps.change;
import static jp.btob.platform.support.SecuritySettingsSteps.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password expiry with the platform's clock moved: a login after the company's expiry opens a
 * session that can only change the password, every other call refuses it, and the change makes
 * it a normal session.
 */
class PasswordExpiryTests extends IntegrationTest {

    private static final String LOGIN = "/api/v1/auth/login";

    private static final String COOKIE = "BTOB_SESSION";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    @Autowired
    private DatabaseClient db;

    @Test
    @DisplayName("[SEC-PWEXP] with a 30-day expiry, a login a minute before the 30 days is a normal session; at 30 days it answers 200 with passwordChangeRequired and a token, audited as such")
    void loginWhenExpiredThenPasswordChangeRequired() {
        TestCompany company = expiringCompany("期限株式会社", 30);

        clock.advance(Duration.ofDays(30).minusMinutes(1));
        Map<String, Object> before = loginBody(company.staffLoginId(), DemoData.PASSWORD);
        assertThat(before).containsEntry("passwordChangeRequired", false).containsEntry("mfaRequired", false);
        client((String) before.get("token")).get().uri("/api/v1/companies/{id}", company.id())
                .exchange().expectStatus().isOk();

        clock.advance(Duration.ofMinutes(1));
        Map<String, Object> after = loginBody(company.staffLoginId(), DemoData.PASSWORD);

        assertThat(after).containsEntry("passwordChangeRequired", true).containsEntry("mfaRequired", false)
                .containsEntry("tokenType", "Bearer").doesNotContainKeys("challengeId", "channel");
        assertThat((String) after.get("token")).matches("[A-Za-z0-9_-]{43}");
        String details = db.sql("""
                        SELECT details::text AS d FROM audit_event
                        WHERE company_id = :c AND action = 'auth.login' ORDER BY seq DESC LIMIT 1
                        """)
                .bind("c", company.id()).map((row, meta) -> row.get("d", String.class)).one().block();
        assertThat(details).contains("passwordChangeRequired");
    }

    @Test
    @DisplayName("[SEC-PWEXP] a session that must change its password is refused with 403 password-change-required on every other operation of the company API, as bearer and as cookie")
    void restrictedSessionThenEveryOtherOperationRefused() {
        TestCompany company = expiringCompany("全拒否株式会社", 30);
        clock.advance(Duration.ofDays(31));
        String token = (String) loginBody(company.adminLoginId(), DemoData.PASSWORD).get("token");

        List<String> refused = new ArrayList<>();
        for (SpecOperation operation : companyOperations()) {
            if (operation.openWhilePasswordExpired()) {
                continue;
            }
            String uri = operation.uri(company.id());
            for (Function<WebTestClient.RequestBodySpec, WebTestClient.RequestBodySpec> credentials : List.<Function<
                    WebTestClient.RequestBodySpec, WebTestClient.RequestBodySpec>>of(
                    spec -> spec.header("Authorization", "Bearer " + token),
                    spec -> spec.cookie(COOKIE, token))) {
                WebTestClient.RequestBodySpec request = credentials.apply(client().method(operation.method()).uri(uri));
                if (operation.hasBody()) {
                    request.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of());
                }
                assertProblem(request.exchange().expectStatus().isForbidden().expectBody(),
                        "/problems/password-change-required", 403);
            }
            refused.add(operation.method() + " " + operation.path());
        }

        assertThat(refused).as("the operations tried, read from the spec files").hasSizeGreaterThanOrEqualTo(15)
                .contains("GET /api/v1/companies/{companyId}", "GET /api/v1/company/security-settings",
                        "PUT /api/v1/company/security-settings", "GET /api/v1/audit",
                        "POST /api/v1/companies/{companyId}/partners")
                .doesNotContain("GET /api/v1/me", "PUT /api/v1/me/password", "POST /api/v1/auth/logout");
        client(token).get().uri("/api/v1/no-such-thing").exchange().expectStatus().isForbidden();
        client().get().uri("/swagger-ui/index.html").cookie(COOKIE, token).exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("[SEC-PWEXP] such a session reads /me, which shows the state and the expiry, and logs out")
    void restrictedSessionThenMeAndLogoutOpen() {
        TestCompany company = expiringCompany("状態表示株式会社", 30);
        clock.advance(Duration.ofDays(31));
        String token = (String) loginBody(company.staffLoginId(), DemoData.PASSWORD).get("token");

        Map<String, Object> me = client().get().uri("/api/v1/me").cookie(COOKIE, token).exchange()
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(me).containsEntry("passwordChangeRequired", true);
        assertThat(Instant.parse((String) me.get("passwordExpiresAt"))).isBefore(clock.instant());

        client(token).post().uri("/api/v1/auth/logout").exchange().expectStatus().isNoContent();
        client(token).get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    @DisplayName("[SEC-PWEXP] after the change the same session is a normal one, other sessions are ended, the next login is normal and the new password expires 30 days after the change")
    void changeThenNormalSession() {
        TestCompany company = expiringCompany("変更後株式会社", 30);
        clock.advance(Duration.ofDays(45));
        String token = (String) loginBody(company.staffLoginId(), DemoData.PASSWORD).get("token");
        String otherRestricted = (String) loginBody(company.staffLoginId(), DemoData.PASSWORD).get("token");

        client(token).put().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", DemoData.PASSWORD, "newPassword", "Kumo#Sora-2027"))
                .exchange().expectStatus().isNoContent();

        client(token).get().uri("/api/v1/companies/{id}", company.id()).exchange().expectStatus().isOk();
        client().get().uri("/api/v1/companies/{id}", company.id()).cookie(COOKIE, token).exchange().expectStatus().isOk();
        client(otherRestricted).get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        Map<String, Object> me = client(token).get().uri("/api/v1/me").exchange()
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(me).containsEntry("passwordChangeRequired", false);
        assertThat(Duration.between(clock.instant(), Instant.parse((String) me.get("passwordExpiresAt"))))
                .isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30));

        clock.advance(Duration.ofDays(29));
        assertThat(loginBody(company.staffLoginId(), "Kumo#Sora-2027")).containsEntry("passwordChangeRequired", false);
        clock.advance(Duration.ofDays(1));
        assertThat(loginBody(company.staffLoginId(), "Kumo#Sora-2027")).containsEntry("passwordChangeRequired", true);
    }

    @Test
    @DisplayName("[SEC-PWEXP] the change call of such a session still needs the right current password and a password the policy allows")
    void restrictedSessionThenChangeStillChecked() {
        TestCompany company = expiringCompany("確認株式会社", 30);
        clock.advance(Duration.ofDays(31));
        String token = (String) loginBody(company.staffLoginId(), DemoData.PASSWORD).get("token");

        assertProblem(client(token).put().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", "Wrong#Guess-1", "newPassword", "Kumo#Sora-2027"))
                .exchange().expectStatus().isForbidden().expectBody(), "/problems/wrong-password", 403);
        client(token).put().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", DemoData.PASSWORD, "newPassword", DemoData.PASSWORD))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/password-policy")
                .jsonPath("$.errors[0].code").isEqualTo("reused-password");
        client(token).get().uri("/api/v1/companies/{id}", company.id()).exchange().expectStatus().isForbidden();
    }

    @Test
    @DisplayName("[SEC-PWEXP] expiry 0 is off: ten years after the last change the company's users and the demo users still log in normally")
    void expiryOffThenNeverRequired() {
        TestCompany company = fixtures.company("無期限株式会社");
        clock.advance(Duration.ofDays(3650));

        assertThat(loginBody(company.staffLoginId(), DemoData.PASSWORD)).containsEntry("passwordChangeRequired", false);
        for (DemoData.DemoUser user : DemoData.USERS) {
            Map<String, Object> session = loginBody(user.loginId(), DemoData.PASSWORD);
            assertThat(session).as(user.loginId()).containsEntry("passwordChangeRequired", false);
            client((String) session.get("token")).get().uri("/api/v1/me").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.passwordExpiresAt").doesNotExist();
        }
    }

    @Test
    @DisplayName("[SEC-PWEXP] shortening the expiry applies at the next login; a session opened before stays as it was")
    void expiryShortenedThenNextLoginRestricted() {
        TestCompany company = fixtures.company("短縮株式会社");
        clock.advance(Duration.ofDays(10));
        String earlier = (String) loginBody(company.staffLoginId(), DemoData.PASSWORD).get("token");

        change(client(login(company.adminLoginId())), form -> set(form, "passwordExpiryDays", 7));

        assertThat(loginBody(company.staffLoginId(), DemoData.PASSWORD)).containsEntry("passwordChangeRequired", true);
        client(earlier).get().uri("/api/v1/companies/{id}", company.id()).exchange().expectStatus().isOk();
    }

    private TestCompany expiringCompany(String name, int days) {
        TestCompany company = fixtures.company(name);
        change(client(login(company.adminLoginId())), form -> set(form, "passwordExpiryDays", days));
        return company;
    }

    private Map<String, Object> loginBody(String loginId, String password) {
        return client().post().uri(LOGIN).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    /** Every operation of the spec files that a company user's session reaches. */
    private static List<SpecOperation> companyOperations() {
        return SpecOperations.companyRealm().stream()
                .map(operation -> new SpecOperation(operation.method(), operation.path(), operation.hasBody()))
                .toList();
    }

    private record SpecOperation(HttpMethod method, String path, boolean hasBody) {

        boolean openWhilePasswordExpired() {
            return (method == HttpMethod.GET && path.equals("/api/v1/me"))
                    || (method == HttpMethod.PUT && path.equals("/api/v1/me/password"))
                    || (method == HttpMethod.POST && path.equals("/api/v1/auth/logout"));
        }

        /** The path with the caller's company and fresh IDs: the gate refuses before any lookup. */
        String uri(UUID companyId) {
            return path.replace("{companyId}", companyId.toString()).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        }
    }
}
