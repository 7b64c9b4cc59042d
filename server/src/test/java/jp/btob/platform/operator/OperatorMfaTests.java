package jp.btob.platform.operator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.crypto.KeyRotation;
import jp.btob.platform.demo.DemoData;
import jp.btob.platform.identity.mfa.Base32;
import jp.btob.platform.identity.mfa.Totp;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Operators need an authenticator app's code after the password: no session without it, and no code twice. */
class OperatorMfaTests extends IntegrationTest {

    private static final String LOGIN = "/api/v1/operator/auth/login";

    private static final String VERIFY = "/api/v1/operator/auth/mfa";

    private static final UUID PLATFORM_CHAIN = new UUID(0, 0);

    private final Sql sql = new Sql(DATABASE);

    @Autowired
    private KeyRotation rotation;

    @Test
    @DisplayName("[OPS-PRIV] [SEC-MFA] a right password opens no operator session: it answers a challenge, no token and no cookie, and the challenge ID is no token")
    void loginWhenPasswordRightThenChallengeOnly() {
        String loginId = enrolled();
        long sessions = sessionsOf(loginId);
        WebTestClient.ResponseSpec response = client().post().uri(LOGIN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", DemoData.PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
        Map<String, Object> body = response.expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        assertThat(body).containsKeys("challengeId", "expiresAt").doesNotContainKeys("token", "totpEnrolment");
        assertThat(sessionsOf(loginId)).isEqualTo(sessions);

        String challengeId = (String) body.get("challengeId");
        assertProblem(client(challengeId).get().uri("/api/v1/operator/incidents").exchange()
                .expectStatus().isUnauthorized().expectBody(), "/problems/unauthenticated", 401);
        client().mutate().defaultCookie("BTOB_OPERATOR_SESSION", challengeId).build()
                .get().uri("/api/v1/operator/incidents").exchange().expectStatus().isUnauthorized();
    }

    @Test
    @DisplayName("[OPS-PRIV] [SEC-MFA] [SEC-ENC] first login enrols the app: secret and otpauth URI shown once, stored encrypted, confirmed by the first code, which opens the session; all audited")
    void firstLoginThenEnrolmentConfirmedByFirstCode() {
        String loginId = fixtures.operator();
        Map<String, Object> first = operatorChallenge(loginId, DemoData.PASSWORD);
        Map<?, ?> enrolment = (Map<?, ?>) first.get("totpEnrolment");
        String secret = (String) enrolment.get("secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        URI uri = URI.create((String) enrolment.get("otpauthUri"));
        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getRawSchemeSpecificPart()).startsWith("//totp/BtoB%20Platform:" + loginId + "?")
                .contains("secret=" + secret);

        UUID operatorId = operatorId(loginId);
        Map<String, Object> stored = sql.rows("SELECT totp_secret, totp_confirmed FROM operator_mfa WHERE operator_id = ?",
                operatorId).get(0);
        byte[] ciphertext = (byte[]) stored.get("totp_secret");
        assertThat(stored.get("totp_confirmed")).isEqualTo(false);
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(new String(Base32.decode(secret),
                StandardCharsets.ISO_8859_1));
        assertThat(ciphertext.length).as("AES-GCM header, nonce and tag around 20 bytes").isGreaterThan(40);

        String token = session(verify(first.get("challengeId"), code(secret)).expectStatus().isOk());
        client(token).get().uri("/api/v1/operator/incidents").exchange().expectStatus().isOk();
        assertThat(sql.count("SELECT count(*) FROM operator_mfa WHERE operator_id = ? AND totp_confirmed", operatorId)).isOne();

        Map<String, Object> second = operatorChallenge(loginId, DemoData.PASSWORD);
        assertThat(second).as("a confirmed secret is never shown again").doesNotContainKey("totpEnrolment");
        assertThat(actions(operatorId)).containsSubsequence("operator.mfa-challenge", "operator.mfa-enrol", "operator.login",
                "operator.mfa-challenge");
    }

    @Test
    @DisplayName("[OPS-PRIV] [SEC-MFA] an unconfirmed enrolment is replaced at the next login: the first secret's codes open nothing")
    void enrolmentWhenReplacedThenOldSecretRefused() {
        String loginId = fixtures.operator();
        Map<String, Object> first = operatorChallenge(loginId, DemoData.PASSWORD);
        String oldSecret = (String) ((Map<?, ?>) first.get("totpEnrolment")).get("secret");
        Map<String, Object> second = operatorChallenge(loginId, DemoData.PASSWORD);
        String newSecret = (String) ((Map<?, ?>) second.get("totpEnrolment")).get("secret");
        assertThat(newSecret).isNotEqualTo(oldSecret);

        refused(verify(first.get("challengeId"), code(oldSecret)));
        refused(verify(second.get("challengeId"), code(oldSecret)));
        verify(second.get("challengeId"), code(newSecret)).expectStatus().isOk();
    }

    @Test
    @DisplayName("[OPS-PRIV] [SEC-MFA] a wrong code answers 401 invalid-mfa-code, opens no session and is audited as a failed operator.login; the right one still works")
    void verifyWhenWrongCodeThenRefusedAndAudited() {
        String loginId = enrolled();
        UUID operatorId = operatorId(loginId);
        long sessions = sessionsOf(loginId);
        Object challenge = operatorChallenge(loginId, DemoData.PASSWORD).get("challengeId");
        String right = code(secretOf(loginId));

        refused(verify(challenge, right.equals("000000") ? "111111" : "000000"));
        assertThat(sessionsOf(loginId)).isEqualTo(sessions);
        List<Map<String, Object>> failures = sql.rows("""
                SELECT actor_type, target_type, details->>'reason' AS reason FROM audit_event
                WHERE chain = ? AND action = 'operator.login' AND outcome = 'FAILURE' AND target_id = ?
                """, PLATFORM_CHAIN, operatorId);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).containsEntry("actor_type", "ANONYMOUS").containsEntry("target_type", "operator")
                .containsEntry("reason", "WRONG_CODE");

        verify(challenge, right).expectStatus().isOk();
        assertThat(sessionsOf(loginId)).isEqualTo(sessions + 1);
    }

    @Test
    @DisplayName("[OPS-PRIV] [SEC-MFA] [SEC-TIME] a challenge dies after its lifetime: the right code is refused then")
    void verifyWhenChallengeExpiredThenRefused() {
        String loginId = enrolled();
        Object challenge = operatorChallenge(loginId, DemoData.PASSWORD).get("challengeId");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        refused(verify(challenge, code(secretOf(loginId))));
        assertThat(lastFailureReason(operatorId(loginId))).isEqualTo("INVALID_CHALLENGE");
    }

    @Test
    @DisplayName("[OPS-PRIV] [SEC-MFA] a code is accepted once: the same code on a new challenge is refused as replayed, and a used challenge takes no further code")
    void verifyWhenCodeOrChallengeReusedThenRefused() {
        String loginId = enrolled();
        String secret = secretOf(loginId);
        Object first = operatorChallenge(loginId, DemoData.PASSWORD).get("challengeId");
        String code = code(secret);
        verify(first, code).expectStatus().isOk();

        Object second = operatorChallenge(loginId, DemoData.PASSWORD).get("challengeId");
        refused(verify(second, code));
        assertThat(lastFailureReason(operatorId(loginId))).isEqualTo("REPLAYED_CODE");

        clock.advance(Duration.ofSeconds(30));
        refused(verify(first, code(secret)));
        verify(second, code(secret)).expectStatus().isOk();
    }

    @Test
    @DisplayName("[OPS-PRIV] [SEC-MFA] one operator's challenge cannot be answered with another operator's code, and the attempt counts against the challenge's operator")
    void verifyWhenOtherOperatorsCodeThenRefused() {
        String victim = enrolled();
        String attacker = enrolled();
        Object challenge = operatorChallenge(victim, DemoData.PASSWORD).get("challengeId");
        refused(verify(challenge, code(secretOf(attacker))));
        assertThat(sql.count("SELECT failures FROM operator_account WHERE id = ?", operatorId(victim))).isOne();
        assertThat(sql.count("SELECT failures FROM operator_account WHERE id = ?", operatorId(attacker))).isZero();
    }

    @Test
    @DisplayName("[OPS-PRIV] [SEC-MFA] a company user's challenge and session token mean nothing at the operators' second step and paths")
    void verifyWhenCompanyRealmThenRefused() {
        refused(verify("company-" + UUID.randomUUID(), "123456"));
        String companyToken = login("buyer-admin");
        refused(verify(companyToken, "123456"));
        assertProblem(client(companyToken).get().uri("/api/v1/operator/incidents").exchange()
                .expectStatus().isUnauthorized().expectBody(), "/problems/unauthenticated", 401);
    }

    @Test
    @DisplayName("[OPS-PRIV] [SEC-LOCK] wrong passwords and wrong codes count together: the fifth locks the operator (audited auth.lockout), a right password and code are then refused, until the lock ends")
    void lockoutWhenWrongPasswordsAndCodesThenLocked() {
        String loginId = enrolled();
        UUID operatorId = operatorId(loginId);
        String secret = secretOf(loginId);
        for (int i = 0; i < 2; i++) {
            client().post().uri(LOGIN).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("loginId", loginId, "password", "Wrong#" + i)).exchange().expectStatus().isUnauthorized()
                    .expectBody().returnResult();
        }
        String wrong = code(secret).equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 3; i++) {
            // A right password in between clears nothing: only a whole login does.
            refused(verify(operatorChallenge(loginId, DemoData.PASSWORD).get("challengeId"), wrong));
        }
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE chain = ? AND action = 'auth.lockout' AND target_id = ?",
                PLATFORM_CHAIN, operatorId)).isOne();

        assertProblem(client().post().uri(LOGIN).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", DemoData.PASSWORD)).exchange()
                .expectStatus().isUnauthorized().expectBody(), "/problems/invalid-credentials", 401);

        clock.advance(Duration.ofMinutes(31));
        Object challenge = operatorChallenge(loginId, DemoData.PASSWORD).get("challengeId");
        verify(challenge, code(secret)).expectStatus().isOk();
        assertThat(sql.count("SELECT failures FROM operator_account WHERE id = ?", operatorId)).isZero();
    }

    @Test
    @DisplayName("[OPS-PRIV] [SEC-MFA] two answers to one challenge at once, both with the right code: exactly one session")
    void verifyWhenRaceThenOneSession() {
        String loginId = enrolled();
        long sessions = sessionsOf(loginId);
        Object challenge = operatorChallenge(loginId, DemoData.PASSWORD).get("challengeId");
        String code = code(secretOf(loginId));
        List<CompletableFuture<Integer>> answers = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> verify(challenge, code).returnResult(Map.class)
                        .getStatus().value()))
                .toList();
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).sorted().toList();
        assertThat(statuses).containsExactly(200, 401);
        assertThat(sessionsOf(loginId)).isEqualTo(sessions + 1);
    }

    @Test
    @DisplayName("[SEC-ENC] [OPS-PRIV] the operators' secrets follow a rotation of the platform's data key: re-encrypted under the new key, audited on the platform chain, and the app's codes still work")
    void platformDataKeyRotationThenSecretsReencrypted() {
        String loginId = enrolled();
        UUID operatorId = operatorId(loginId);
        byte[] before = (byte[]) sql.rows("SELECT totp_secret FROM operator_mfa WHERE operator_id = ?", operatorId)
                .get(0).get("totp_secret");

        rotation.rotateDataKey(FieldEncryption.PLATFORM).block();
        assertThat(rotation.reencrypt(FieldEncryption.PLATFORM, OperatorMfaRepository.TOTP_SECRET).block()).isPositive();

        byte[] after = (byte[]) sql.rows("SELECT totp_secret FROM operator_mfa WHERE operator_id = ?", operatorId)
                .get(0).get("totp_secret");
        assertThat(after).isNotEqualTo(before);
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE chain = ? AND company_id IS NULL"
                + " AND action IN ('key.data-rotate', 'key.reencrypt')", PLATFORM_CHAIN)).isGreaterThanOrEqualTo(2);
        client(operatorLogin(loginId)).get().uri("/api/v1/operator/incidents").exchange().expectStatus().isOk();
    }

    /** A new operator whose app is enrolled and confirmed, through the API. */
    private String enrolled() {
        String loginId = fixtures.operator();
        operatorLogin(loginId);
        // The enrolling login used this step: later codes of the test may be of the same one.
        sql.update("UPDATE operator_mfa SET totp_last_step = NULL WHERE operator_id = ?", operatorId(loginId));
        return loginId;
    }

    private String secretOf(String loginId) {
        return operatorSecret(loginId);
    }

    private String code(String secret) {
        return Totp.code(Base32.decode(secret), Totp.step(clock.instant()), 6);
    }

    private WebTestClient.ResponseSpec verify(Object challengeId, String code) {
        return client().post().uri(VERIFY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("challengeId", challengeId, "code", code))
                .exchange();
    }

    private static void refused(WebTestClient.ResponseSpec response) {
        assertProblem(response.expectStatus().isUnauthorized().expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectBody(), "/problems/invalid-mfa-code", 401);
    }

    private static String session(WebTestClient.ResponseSpec response) {
        return (String) response.expectCookie().httpOnly("BTOB_OPERATOR_SESSION", true)
                .expectCookie().path("BTOB_OPERATOR_SESSION", "/api/v1/operator")
                .expectBody(Map.class).returnResult().getResponseBody().get("token");
    }

    private UUID operatorId(String loginId) {
        return (UUID) sql.rows("SELECT id FROM operator_account WHERE login_id = ?", loginId).get(0).get("id");
    }

    private long sessionsOf(String loginId) {
        return sql.count("SELECT count(*) FROM operator_session WHERE operator_id = ?", operatorId(loginId));
    }

    private List<Object> actions(UUID operatorId) {
        return sql.rows("SELECT action FROM audit_event WHERE chain = ? AND (target_id = ? OR actor_id = ?) ORDER BY seq",
                PLATFORM_CHAIN, operatorId, operatorId).stream().map(row -> row.get("action")).toList();
    }

    private String lastFailureReason(UUID operatorId) {
        return (String) sql.rows("""
                SELECT details->>'reason' AS reason FROM audit_event
                WHERE chain = ? AND action = 'operator.login' AND outcome = 'FAILURE' AND target_id = ?
                ORDER BY seq DESC LIMIT 1
                """, PLATFORM_CHAIN, operatorId).get(0).get("reason");
    }
}
