package jp.btob.platform.identity.mfa;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.identity.mfa.MfaSteps.awaitCode;
import static jp.btob.platform.identity.mfa.MfaSteps.start;
import static jp.btob.platform.identity.mfa.MfaSteps.mailCount;
import static jp.btob.platform.identity.mfa.MfaSteps.other;
import static jp.btob.platform.identity.mfa.MfaSteps.resend;
import static jp.btob.platform.identity.mfa.MfaSteps.verify;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static jp.btob.platform.support.ProblemAssertions.assertSameProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Logins that need an e-mailed code: the challenge, the code's limits, and what a refusal looks like. */
class EmailMfaTests extends IntegrationTest {

    private static final String INVALID_CODE = "/problems/invalid-mfa-code";

    private final Sql sql = new Sql(DATABASE);

    private TestCompany company;

    private String user;

    private String address;

    @BeforeEach
    void companyRequiringMfa() {
        company = fixtures.company("株式会社二要素");
        MfaSteps.requireMfa(client(login(company.adminLoginId())));
        user = company.staffLoginId();
        address = user + "@test.example";
    }

    @Test
    @DisplayName("[SEC-MFA] a company that requires a second factor gets mfaRequired and an e-mailed code, not a session; the code opens one")
    void requiredMfaAnswersChallengeThenSession() {
        int seen = mailCount(address);
        Map<String, Object> answer = start(client(), user, DemoData.PASSWORD, null);

        assertThat(answer).containsEntry("mfaRequired", true).containsEntry("channel", "EMAIL")
                .doesNotContainKey("token");
        assertThat((String) answer.get("challengeId")).hasSizeGreaterThanOrEqualTo(32);
        String code = awaitCode(address, seen);
        String token = sessionToken(verify(client(), answer.get("challengeId"), code).expectStatus().isOk());
        client(token).get().uri("/api/v1/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.loginId").isEqualTo(user);
        assertThat(events("auth.mfa-challenge", "SUCCESS")).isEqualTo(1);
        assertThat(events("auth.mfa-verify", "SUCCESS")).isEqualTo(1);
    }

    @Test
    @DisplayName("[SEC-MFA] a user whose company does not require a second factor and who chose none gets the session at once")
    void notRequiredGivesSession() {
        TestCompany plain = fixtures.company("株式会社一要素");
        Map<String, Object> answer = start(client(), plain.staffLoginId(), DemoData.PASSWORD, null);

        assertThat(answer).containsEntry("mfaRequired", false).containsKey("token");
        assertThat(sql.count("SELECT count(*) FROM mfa_challenge c JOIN app_user u ON u.id = c.user_id WHERE u.login_id = ?",
                plain.staffLoginId())).isZero();
    }

    @Test
    @DisplayName("[SEC-MFA] the code is stored only as a 32-byte keyed hash, never in clear")
    void codeStoredOnlyAsHash() {
        int seen = mailCount(address);
        Map<String, Object> answer = start(client(), user, DemoData.PASSWORD, null);
        String code = awaitCode(address, seen);

        Map<String, Object> row = sql.rows("SELECT code_hash, channel FROM mfa_challenge WHERE id = ?",
                answer.get("challengeId")).get(0);
        byte[] hash = (byte[]) row.get("code_hash");
        assertThat(hash).hasSize(32);
        assertThat(new String(hash, StandardCharsets.ISO_8859_1)).doesNotContain(code);
        assertThat(sql.count("SELECT count(*) FROM mfa_challenge WHERE id = ? AND position(convert_to(?, 'UTF8') in code_hash) > 0",
                answer.get("challengeId"), code)).isZero();
    }

    @Test
    @DisplayName("[SEC-MFA] a code works once: replayed, it answers the same problem as a wrong code")
    void replayedCodeRefused() {
        int seen = mailCount(address);
        Object challenge = start(client(), user, DemoData.PASSWORD, null).get("challengeId");
        String code = awaitCode(address, seen);
        verify(client(), challenge, code).expectStatus().isOk();

        Map<String, Object> replay = problem(verify(client(), challenge, code));
        Map<String, Object> wrong = problem(verify(client(), challenge, other(code)));
        assertThat(replay.get("type")).isEqualTo(INVALID_CODE);
        assertSameProblem(replay, wrong);
    }

    @Test
    @DisplayName("[SEC-MFA][SEC-TIME] a code after its 5-minute lifetime (by the platform's clock) is refused; within it, it works")
    void expiredCodeRefused() {
        int seen = mailCount(address);
        Object late = start(client(), user, DemoData.PASSWORD, null).get("challengeId");
        String lateCode = awaitCode(address, seen);
        Object onTime = start(client(), user, DemoData.PASSWORD, null).get("challengeId");
        String onTimeCode = awaitCode(address, seen + 1);

        clock.advance(Duration.ofMinutes(5).minusSeconds(10));
        verify(client(), onTime, onTimeCode).expectStatus().isOk();
        clock.advance(Duration.ofSeconds(11));
        assertProblem(verify(client(), late, lateCode).expectStatus().isUnauthorized().expectBody(), INVALID_CODE, 401);
    }

    @Test
    @DisplayName("[SEC-MFA] another user's challenge with one's own code is refused exactly like a wrong code, and opens no session for either")
    void anotherUsersChallengeRefused() {
        String victim = company.adminLoginId();
        String victimAddress = victim + "@test.example";
        int seenVictim = mailCount(victimAddress);
        Object victimChallenge = start(client(), victim, DemoData.PASSWORD, null).get("challengeId");
        awaitCode(victimAddress, seenVictim);
        int seen = mailCount(address);
        Object ownChallenge = start(client(), user, DemoData.PASSWORD, null).get("challengeId");
        String ownCode = awaitCode(address, seen);

        Map<String, Object> crossed = problem(verify(client(), victimChallenge, ownCode));
        Map<String, Object> wrong = problem(verify(client(), ownChallenge, other(ownCode)));
        assertThat(crossed.get("type")).isEqualTo(INVALID_CODE);
        assertSameProblem(crossed, wrong);
        assertSameProblem(problem(verify(client(), "no-such-challenge-0123456789", ownCode)), wrong);
        assertThat(sql.count("SELECT count(*) FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.login_id = ?",
                victim)).as("only the administrator's own login before the test").isEqualTo(1);
    }

    @Test
    @DisplayName("[SEC-MFA] after 5 wrong codes the right one is refused: the sixth attempt never counts, the challenge is dead")
    void fiveWrongThenRightRefused() {
        int seen = mailCount(address);
        Object challenge = start(client(), user, DemoData.PASSWORD, null).get("challengeId");
        String code = awaitCode(address, seen);
        for (int i = 0; i < 5; i++) {
            verify(client(), challenge, other(code)).expectStatus().isUnauthorized().expectBody().returnResult();
        }

        assertProblem(verify(client(), challenge, code).expectStatus().isUnauthorized().expectBody(), INVALID_CODE, 401);
        assertThat(sql.count("SELECT attempts FROM mfa_challenge WHERE id = ?", challenge)).isEqualTo(5);
        assertThat(events("auth.mfa-verify", "FAILURE")).isEqualTo(6);
    }

    @Test
    @DisplayName("[SEC-MFA] two parallel verifications with the right code give exactly one session")
    void parallelVerifiesGiveOneSession() throws Exception {
        int seen = mailCount(address);
        Object challenge = start(client(), user, DemoData.PASSWORD, null).get("challengeId");
        String code = awaitCode(address, seen);
        WebTestClient client = client();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return verify(client, challenge, code).returnResult(Void.class).getStatus().value();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> racer : racers) {
            statuses.add(racer.get());
        }

        assertThat(statuses).containsOnly(200, 401);
        assertThat(statuses.stream().filter(status -> status == 200).count()).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.login_id = ?",
                user)).isEqualTo(1);
    }

    @Test
    @DisplayName("[SEC-MFA] resend: a new code replaces the old one, not sooner than 30 s after the last, at most 3 times")
    void resendLimited() {
        int seen = mailCount(address);
        Object challenge = start(client(), user, DemoData.PASSWORD, null).get("challengeId");
        String first = awaitCode(address, seen);

        assertProblem(resend(client(), challenge).expectStatus().isEqualTo(429).expectBody(), "/problems/mfa-resend-limited", 429);
        for (int i = 1; i <= 3; i++) {
            clock.advance(Duration.ofSeconds(30));
            resend(client(), challenge).expectStatus().isNoContent();
        }
        String last = awaitCode(address, seen + 3);
        clock.advance(Duration.ofSeconds(30));
        assertProblem(resend(client(), challenge).expectStatus().isEqualTo(429).expectBody(), "/problems/mfa-resend-limited", 429);

        if (!first.equals(last)) {
            verify(client(), challenge, first).expectStatus().isUnauthorized().expectBody().returnResult();
        }
        verify(client(), challenge, last).expectStatus().isOk();
        assertThat(mailCount(address)).isEqualTo(seen + 4);
    }

    @Test
    @DisplayName("[SEC-MFA] a wrong password for a user whose company requires MFA answers exactly what an unknown login ID does, and sends nothing")
    void noEnumerationThroughLogin() {
        int seen = mailCount(address);
        Map<String, Object> known = loginProblem(user, "Wrong#2026pass");
        Map<String, Object> unknown = loginProblem("nobody-" + user, "Wrong#2026pass");

        assertThat(known.get("type")).isEqualTo("/problems/invalid-credentials");
        assertSameProblem(known, unknown);
        assertThat(mailCount(address)).isEqualTo(seen);
    }

    private Map<String, Object> loginProblem(String loginId, String password) {
        return problem(client().post().uri("/api/v1/auth/login")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password))
                .exchange()
                .expectStatus().isUnauthorized());
    }

    private long events(String action, String outcome) {
        return sql.count("SELECT count(*) FROM audit_event e JOIN app_user u ON u.id = e.target_id"
                + " WHERE u.login_id = ? AND e.action = ? AND e.outcome = ?", user, action, outcome);
    }

    static Map<String, Object> problem(WebTestClient.ResponseSpec response) {
        return response.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
        }).returnResult().getResponseBody();
    }

    static String sessionToken(WebTestClient.ResponseSpec response) {
        Map<String, Object> body = problem(response);
        assertThat(body).containsEntry("mfaRequired", false);
        return (String) body.get("token");
    }
}
