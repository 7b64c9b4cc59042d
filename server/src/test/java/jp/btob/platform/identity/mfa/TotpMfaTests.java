package jp.btob.platform.identity.mfa;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.identity.mfa.EmailMfaTests.problem;
import static jp.btob.platform.identity.mfa.MfaSteps.start;
import static jp.btob.platform.identity.mfa.MfaSteps.verify;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Authenticator apps: enrolment, the login by TOTP, clock skew and codes that must not work twice. */
class TotpMfaTests extends IntegrationTest {

    private final Sql sql = new Sql(DATABASE);

    private String user;

    private WebTestClient session;

    private byte[] secret;

    @BeforeEach
    void userWithAuthenticatorApp() {
        TestCompany company = fixtures.company("株式会社認証アプリ");
        user = company.staffLoginId();
        session = client(login(user));
        Map<String, Object> enrolment = post("/api/v1/me/mfa/totp", null).expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        String base32 = (String) enrolment.get("secret");
        secret = Base32.decode(base32);
        assertThat(secret).hasSize(20);
        URI uri = URI.create((String) enrolment.get("otpauthUri"));
        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getRawSchemeSpecificPart()).startsWith("//totp/BtoB%20Platform:" + user + "?")
                .contains("secret=" + base32, "issuer=BtoB%20Platform", "algorithm=SHA1", "digits=6", "period=30");
        post("/api/v1/me/mfa/totp/confirm", Map.of("code", code(0))).expectStatus().isOk()
                .expectBody().jsonPath("$.totpEnrolled").isEqualTo(true);
        session.put().uri("/api/v1/me/mfa").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("channel", "TOTP"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.channel").isEqualTo("TOTP");
        // Logins below start one second into a step after the confirmation's, so none crosses a step boundary.
        Instant now = clock.instant();
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS - now.getEpochSecond() % Totp.STEP_SECONDS + 1)
                .minusNanos(now.getNano()));
    }

    @Test
    @DisplayName("[SEC-MFA] the secret is stored encrypted, never in clear, and the enrolment is audited")
    void secretEncrypted() {
        Map<String, Object> row = sql.rows("SELECT m.totp_secret FROM user_mfa m JOIN app_user u ON u.id = m.user_id"
                + " WHERE u.login_id = ?", user).get(0);
        byte[] stored = (byte[]) row.get("totp_secret");
        assertThat(stored.length).isGreaterThan(secret.length);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(new String(secret, StandardCharsets.ISO_8859_1))
                .doesNotContain(Base32.encode(secret));
        assertThat(sql.count("SELECT count(*) FROM audit_event e JOIN app_user u ON u.id = e.target_id"
                + " WHERE u.login_id = ? AND e.action = 'auth.mfa-enrol'", user)).isEqualTo(2);
    }

    @Test
    @DisplayName("[SEC-MFA] a user who chose TOTP gets a TOTP challenge, no mail, and the app's code opens the session")
    void totpLogin() {
        Map<String, Object> answer = start(client(), user, DemoData.PASSWORD, null);

        assertThat(answer).containsEntry("mfaRequired", true).containsEntry("channel", "TOTP");
        verify(client(), answer.get("challengeId"), code(0)).expectStatus().isOk();
    }

    @Test
    @DisplayName("[SEC-MFA] a TOTP code is never accepted twice: the same step again, or an earlier one, is refused even in a new challenge")
    void sameStepTwiceRefused() {
        String code = code(0);
        verify(client(), start(client(), user, DemoData.PASSWORD, null).get("challengeId"), code).expectStatus().isOk();

        Object second = start(client(), user, DemoData.PASSWORD, null).get("challengeId");
        assertProblem(verify(client(), second, code).expectStatus().isUnauthorized().expectBody(), "/problems/invalid-mfa-code", 401);
        assertProblem(verify(client(), second, code(-1)).expectStatus().isUnauthorized().expectBody(), "/problems/invalid-mfa-code", 401);
        verify(client(), second, code(1)).expectStatus().isOk();
    }

    @Test
    @DisplayName("[SEC-TIME] the app's clock may be one step ahead; two steps ahead or behind are refused")
    void skew() {
        Object challenge = start(client(), user, DemoData.PASSWORD, null).get("challengeId");

        assertProblem(verify(client(), challenge, code(2)).expectStatus().isUnauthorized().expectBody(), "/problems/invalid-mfa-code", 401);
        assertProblem(verify(client(), challenge, code(-2)).expectStatus().isUnauthorized().expectBody(), "/problems/invalid-mfa-code", 401);
        verify(client(), challenge, code(1)).expectStatus().isOk();
    }

    @Test
    @DisplayName("[SEC-MFA] a wrong confirmation code leaves the new enrolment pending and TOTP unusable; choosing TOTP then is refused")
    void wrongConfirmationRefused() {
        post("/api/v1/me/mfa/totp", null).expectStatus().isOk().expectBody().returnResult();
        Map<String, Object> refused = problem(post("/api/v1/me/mfa/totp/confirm", Map.of("code", "000000"))
                .expectStatus().isEqualTo(422));

        assertThat(refused.get("type")).isEqualTo("/problems/unprocessable");
        session.get().uri("/api/v1/me/mfa").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.totpEnrolled").isEqualTo(false).jsonPath("$.channel").doesNotExist();
        assertThat(problem(session.put().uri("/api/v1/me/mfa").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channel", "TOTP")).exchange().expectStatus().isEqualTo(422)).get("type"))
                .isEqualTo("/problems/unprocessable");
    }

    @Test
    @DisplayName("[SEC-MFA] a channel the company does not allow cannot be chosen")
    void channelNotAllowedRefused() {
        TestCompany strict = fixtures.company("株式会社メールのみ");
        jp.btob.platform.support.SecuritySettingsSteps.change(client(login(strict.adminLoginId())),
                form -> jp.btob.platform.support.SecuritySettingsSteps.set(form, "mfa.allowedChannels", java.util.List.of("EMAIL")));
        WebTestClient staff = client(login(strict.staffLoginId()));

        Map<String, Object> refused = problem(staff.put().uri("/api/v1/me/mfa").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channel", "SMS")).exchange().expectStatus().isEqualTo(422));
        assertThat(refused.toString()).contains("not-offered");
    }

    private String code(int stepsFromNow) {
        return Totp.code(secret, Totp.step(clock.instant()) + stepsFromNow, 6);
    }

    private WebTestClient.ResponseSpec post(String path, Object body) {
        WebTestClient.RequestBodySpec request = session.post().uri(path);
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
