package jp.btob.platform.identity.password;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.identity.PasswordHasher;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static jp.btob.platform.support.SecuritySettingsSteps.change;
import static jp.btob.platform.support.SecuritySettingsSteps.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changing one's password through the API: each rule of the policy as an attacker or a careless
 * user meets it, the current password as the gate, what a change ends, and what it records.
 */
class PasswordChangeTests extends IntegrationTest {

    private static final String PASSWORD = "/api/v1/me/password";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    @Autowired
    private DatabaseClient db;

    @Autowired
    private PasswordHasher hasher;

    @Test
    @DisplayName("[SEC-PWPOL] a user changes their password: 204, the new one signs in, the old one no longer does, and the change is stamped by the platform's clock")
    void changeThenNewPasswordWorksAndOldDoesNot() {
        TestCompany company = fixtures.company("変更株式会社");
        clock.advance(Duration.ofDays(3));
        Instant before = clock.instant();

        changePassword(login(company.staffLoginId()), DemoData.PASSWORD, "Kumo#Sora-2027").expectStatus().isNoContent()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody().isEmpty();

        assertThat(login(company.staffLoginId(), "Kumo#Sora-2027")).isNotBlank();
        client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", company.staffLoginId(), "password", DemoData.PASSWORD))
                .exchange().expectStatus().isUnauthorized();
        Instant changedAt = db.sql("SELECT password_changed_at FROM app_user WHERE login_id = :login")
                .bind("login", company.staffLoginId())
                .map((row, meta) -> row.get("password_changed_at", Instant.class)).one().block();
        assertThat(changedAt).as("3 days ahead of the machine, as the platform's clock says")
                .isBetween(before.minusSeconds(1), clock.instant());
    }

    @Test
    @DisplayName("[SEC-PWPOL] a change ends the user's other sessions at once, as bearer and as cookie; this session and a colleague's go on")
    void changeThenOtherSessionsEnded() {
        TestCompany company = fixtures.company("他セッション株式会社");
        String current = login(company.adminLoginId());
        String other = login(company.adminLoginId());
        String third = login(company.adminLoginId());
        String colleague = login(company.staffLoginId());

        changePassword(current, DemoData.PASSWORD, "Kumo#Sora-2027").expectStatus().isNoContent();

        client(other).get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        client().get().uri("/api/v1/me").cookie("BTOB_SESSION", third).exchange().expectStatus().isUnauthorized();
        client(current).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        client(colleague).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        Map<String, Object> event = lastPasswordEvent(company.id());
        assertThat(event).containsEntry("outcome", "SUCCESS");
        assertThat((String) event.get("details")).contains("\"sessionsEnded\": 2");
    }

    @Test
    @DisplayName("[SEC-PWPOL] a wrong current password answers 403 wrong-password before any rule is checked, changes nothing and is audited as a failure")
    void wrongCurrentPasswordThenForbiddenAndNothingLeaks() {
        TestCompany company = fixtures.company("誤り株式会社");
        String token = login(company.staffLoginId());
        String other = login(company.staffLoginId());

        Map<String, Object> problem = changePassword(token, "Wrong#Guess-1", DemoData.PASSWORD)
                .expectStatus().isForbidden()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(problem).containsEntry("type", "/problems/wrong-password").doesNotContainKey("errors");
        assertThat(login(company.staffLoginId())).as("the password is unchanged").isNotBlank();
        client(other).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        // The session is not ended.
        client(token).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        Map<String, Object> event = lastPasswordEvent(company.id());
        assertThat(event).containsEntry("outcome", "FAILURE");
        assertThat((String) event.get("details")).contains("WRONG_CURRENT_PASSWORD").doesNotContain("Wrong#Guess-1");
        assertThat((String) event.get("content")).doesNotContain("Wrong#Guess-1", DemoData.PASSWORD);
    }

    @Test
    @DisplayName("[SEC-PWPOL] each rule's attack is refused with 422 password-policy naming its rule on newPassword: too short, too long, 2 of 4 classes, a common password in other case, the login ID inside")
    void eachRuleThenRefusedNamingIt() {
        TestCompany company = fixtures.company("規則株式会社");
        String loginId = fixtures.user(company.id(), "STAFF", "k" + UUID.randomUUID().toString().substring(0, 6),
                DemoData.PASSWORD);
        String token = login(loginId);

        assertRefused(token, "Ab1#xyz", "too-short");
        assertRefused(token, "Ab1#xyzwvutsrqpo", "too-long");
        assertRefused(token, "kumosora42", "too-few-character-classes");
        assertRefused(token, "SUNSHINE#2026", "common-password");
        assertRefused(token, "Zz9#" + loginId.toUpperCase(), "contains-login-id");
        assertThat(login(loginId)).as("nothing was changed").isNotBlank();
        assertThat((String) lastPasswordEvent(company.id()).get("details")).contains("PASSWORD_POLICY", "contains-login-id");
    }

    @Test
    @DisplayName("[SEC-PWPOL] the current password and the ones before it are refused as reused, up to the history count; one further back is accepted")
    void reusedThenRefusedWithinHistory() {
        TestCompany company = fixtures.company("履歴株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        change(admin, form -> set(form, "passwordPolicy.historyCount", 3));
        String token = login(company.staffLoginId());

        assertRefused(token, DemoData.PASSWORD, "reused-password");
        changePassword(token, DemoData.PASSWORD, "First#Change-1").expectStatus().isNoContent();
        changePassword(token, "First#Change-1", "Second#Change-2").expectStatus().isNoContent();
        assertRefused(token, "Second#Change-2", "reused-password", "Second#Change-2");
        assertRefused(token, "First#Change-1", "reused-password", "Second#Change-2");
        assertRefused(token, DemoData.PASSWORD, "reused-password", "Second#Change-2");
        changePassword(token, "Second#Change-2", "Third#Change-3").expectStatus().isNoContent();

        // The demo password is now 4 back.
        changePassword(token, "Third#Change-3", DemoData.PASSWORD).expectStatus().isNoContent();
    }

    @Test
    @DisplayName("[SEC-PWPOL] one new password breaking five rules at once answers one 422 naming every one of them")
    void severalRulesThenEveryOneNamed() {
        TestCompany company = fixtures.company("複合違反株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        change(admin, form -> {
            set(form, "preset", "CUSTOM");
            set(form, "passwordPolicy.minLength", 10);
        });
        // Set before the policy was: a weak password under a login ID found inside it.
        String loginId = fixtures.user(company.id(), "STAFF", "sswor", "password");

        Map<String, Object> problem = changePassword(login(loginId, "password"), "password", "password")
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(problem).containsEntry("type", "/problems/password-policy").containsEntry("status", 422);
        assertThat(errors(problem)).containsExactlyInAnyOrder("newPassword too-short",
                "newPassword too-few-character-classes", "newPassword common-password",
                "newPassword contains-login-id", "newPassword reused-password");
        assertThat((String) problem.get("detail")).contains("5 rules");
    }

    @Test
    @DisplayName("[SEC-PWPOL] under the ASVS preset 12 lower-case letters are a password; 11 characters and 129 are not")
    void asvsThenLengthRulesOnly() {
        TestCompany company = fixtures.company("ASVS変更株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        change(admin, form -> {
            set(form, "preset", "ASVS");
            set(form, "passwordPolicy.minLength", 12);
            set(form, "passwordPolicy.maxLength", 128);
            set(form, "passwordPolicy.minCharacterClasses", 0);
        });
        String token = login(company.staffLoginId());

        assertRefused(token, "kumoyamakaw", "too-short");
        assertRefused(token, "k".repeat(129), "too-long");
        changePassword(token, DemoData.PASSWORD, "kumoyamakawa").expectStatus().isNoContent();
        assertThat(login(company.staffLoginId(), "kumoyamakawa")).isNotBlank();
    }

    @Test
    @DisplayName("[SEC-PWPOL] two changes of one user at once: exactly one succeeds and the password is the winner's")
    void racingChangesThenExactlyOneWins() throws Exception {
        TestCompany company = fixtures.company("同時変更株式会社");
        String first = login(company.staffLoginId());
        String second = login(company.staffLoginId());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Integer> statuses = new ArrayList<>();
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Integer>> calls = List.of(
                    pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return status(changePassword(first, DemoData.PASSWORD, "Winner#One-111"));
                    }),
                    pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return status(changePassword(second, DemoData.PASSWORD, "Winner#Two-222"));
                    }));
            for (Future<Integer> call : calls) {
                statuses.add(call.get(60, TimeUnit.SECONDS));
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(statuses.stream().filter(status -> status == 204)).hasSize(1);
        assertThat(statuses).as("the loser finds the password changed (409) or no longer current (403)")
                .containsAnyOf(409, 403);
        String winner = statuses.get(0) == 204 ? "Winner#One-111" : "Winner#Two-222";
        assertThat(login(company.staffLoginId(), winner)).isNotBlank();
    }

    @Test
    @DisplayName("[SEC-PWPOL] the history keeps the 23 passwords before the current one, no more; the current is in app_user only")
    void historyThenTrimmedToTwentyThree() {
        TestCompany company = fixtures.company("履歴上限株式会社");
        UUID userId = userId(company.staffLoginId());
        String old = hasher.hash("Old#Password-0").block();
        for (int i = 0; i < 30; i++) {
            db.sql("INSERT INTO password_history (user_id, password_hash, retired_at) VALUES (:u, :h, now())")
                    .bind("u", userId).bind("h", old).fetch().rowsUpdated().block();
        }
        String demoHash = db.sql("SELECT password_hash FROM app_user WHERE id = :u").bind("u", userId)
                .map((row, meta) -> row.get("password_hash", String.class)).one().block();

        changePassword(login(company.staffLoginId()), DemoData.PASSWORD, "Kumo#Sora-2027").expectStatus().isNoContent();

        List<String> kept = db.sql("SELECT password_hash FROM password_history WHERE user_id = :u ORDER BY seq DESC")
                .bind("u", userId).map((row, meta) -> row.get("password_hash", String.class)).all().collectList().block();
        String newHash = db.sql("SELECT password_hash FROM app_user WHERE id = :u").bind("u", userId)
                .map((row, meta) -> row.get("password_hash", String.class)).one().block();
        assertThat(kept).hasSize(23);
        assertThat(kept.get(0)).as("the password just replaced is the newest").isEqualTo(demoHash);
        assertThat(kept).doesNotContain(newHash);
    }

    private WebTestClient.ResponseSpec changePassword(String token, String current, String next) {
        return client(token).put().uri(PASSWORD)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", current, "newPassword", next))
                .exchange();
    }

    private void assertRefused(String token, String next, String rule) {
        assertRefused(token, next, rule, DemoData.PASSWORD);
    }

    private void assertRefused(String token, String next, String rule, String current) {
        WebTestClient.BodyContentSpec body = changePassword(token, current, next)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody();
        assertProblem(body, "/problems/password-policy", 422);
        body.jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("newPassword")
                .jsonPath("$.errors[0].code").isEqualTo(rule)
                .jsonPath("$.errors[0].message").isNotEmpty();
    }

    private static int status(WebTestClient.ResponseSpec response) {
        return response.expectBody().returnResult().getStatus().value();
    }

    @SuppressWarnings("unchecked")
    private static List<String> errors(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream()
                .map(error -> error.get("field") + " " + error.get("code"))
                .toList();
    }

    private Map<String, Object> lastPasswordEvent(UUID companyId) {
        return db.sql("""
                        SELECT outcome, details::text AS details, content FROM audit_event
                        WHERE company_id = :c AND action = 'auth.password-change' ORDER BY seq DESC LIMIT 1
                        """)
                .bind("c", companyId)
                .map((row, meta) -> Map.<String, Object>of("outcome", row.get("outcome", String.class),
                        "details", row.get("details", String.class), "content", row.get("content", String.class)))
                .one().block();
    }

    private UUID userId(String loginId) {
        return db.sql("SELECT id FROM app_user WHERE login_id = :login")
                .bind("login", loginId)
                .map((row, meta) -> row.get("id", UUID.class))
                .one().block();
    }
}
