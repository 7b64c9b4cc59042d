package jp.btob.platform.identity.lockout;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.LoginSteps;
import jp.btob.platform.support.LoginSteps.Refusal;
import jp.btob.platform.support.Receivers;
import jp.btob.platform.support.SecuritySettingsSteps;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static jp.btob.platform.support.ProblemAssertions.assertSameProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Wrong passwords lock an account, exactly, per company, for a while; and the lock tells nobody but its owner. */
class LockoutTests extends IntegrationTest {

    private static final String WRONG = "Wrong#Guess-2026";

    private final Sql sql = new Sql(DATABASE);

    @Autowired
    private MeterRegistry meters;

    @Test
    @DisplayName("[SEC-LOCK] 20 concurrent wrong passwords with N=5 count exactly 5 failures and lock once; the other 15 are refused uncounted")
    void failuresWhenConcurrentThenCountedExactly() throws Exception {
        TestCompany c = fixtures.company("株式会社同時施錠");
        double lockoutsBefore = lockouts();
        Instant start = clock.instant();

        List<Integer> statuses = LoginSteps.concurrently(20, i -> client(), c.staffLoginId(), WRONG);

        assertThat(statuses).containsOnly(401).hasSize(20);
        Map<String, Object> row = lockoutOf(c.staffLoginId());
        assertThat(row.get("failures")).as("the defaults' N; attempts during the lock are not counted").isEqualTo(5);
        assertThat(((java.sql.Timestamp) row.get("locked_until")).toInstant())
                .isBetween(start.plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MICROS),
                        clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'auth.lockout'", c.id()))
                .as("one lock, one auth.lockout").isOne();
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'auth.login'"
                + " AND outcome = 'FAILURE'", c.id())).as("every attempt is audited").isEqualTo(20);
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'auth.login'"
                + " AND details->>'reason' = 'ACCOUNT_LOCKED'", c.id())).as("the uncounted ones, as the admins see them").isEqualTo(15);
        assertThat(lockouts() - lockoutsBefore).isEqualTo(1.0);
        assertThat(LoginSteps.refused(client(), c.staffLoginId(), DemoData.PASSWORD).status())
                .as("the right password during the lock").isEqualTo(401);
    }

    @Test
    @DisplayName("[SEC-LOCK] a locked account answers exactly like a wrong password and an unknown login ID, with the right password or a wrong one")
    void lockedWhenAnyPasswordThenSameAnswerAsWrongPassword() {
        TestCompany c = fixtures.company("株式会社施錠同答");
        lock(c.staffLoginId(), 5);

        Refusal wrongPassword = LoginSteps.refused(client(), c.adminLoginId(), WRONG);
        Refusal unknownId = LoginSteps.refused(client(), "nobody-" + UUID.randomUUID(), WRONG);
        Refusal lockedRight = LoginSteps.refused(client(), c.staffLoginId(), DemoData.PASSWORD);
        Refusal lockedWrong = LoginSteps.refused(client(), c.staffLoginId(), WRONG);

        assertThat(List.of(wrongPassword.status(), unknownId.status(), lockedRight.status(), lockedWrong.status()))
                .containsOnly(401);
        assertSameProblem(lockedRight.body(), wrongPassword.body());
        assertSameProblem(lockedWrong.body(), wrongPassword.body());
        assertSameProblem(unknownId.body(), wrongPassword.body());
        assertThat(lockoutOf(c.staffLoginId()).get("failures")).as("attempts during the lock do not count").isEqualTo(5);
    }

    @Test
    @DisplayName("[SEC-LOCK] the lock lasts its duration: refused a second before its end, the right password works after it and the count starts again")
    void lockedWhenDurationPassedThenLoginWorksAndCountReset() {
        TestCompany c = fixtures.company("株式会社施錠期限");
        lock(c.staffLoginId(), 5);

        // The clock runs on in real time too: margins of ten seconds either side of the lock's end.
        clock.advance(Duration.ofMinutes(30).minusSeconds(10));
        assertThat(LoginSteps.refused(client(), c.staffLoginId(), DemoData.PASSWORD).status()).isEqualTo(401);
        clock.advance(Duration.ofSeconds(20));
        login(c.staffLoginId());
        assertThat(sql.count("SELECT count(*) FROM login_lockout l JOIN app_user u ON u.id = l.user_id WHERE u.login_id = ?",
                c.staffLoginId())).as("a success clears the count").isZero();

        LoginSteps.refused(client(), c.staffLoginId(), WRONG);
        assertThat(lockoutOf(c.staffLoginId()).get("failures")).isEqualTo(1);
        assertThat(lockoutOf(c.staffLoginId()).get("locked_until")).isNull();
    }

    @Test
    @DisplayName("[SEC-LOCK] a success resets the count: 4 failures, a success and 4 more leave the account open")
    void failuresWhenSuccessBetweenThenNotLocked() {
        TestCompany c = fixtures.company("株式会社成功解除");
        lock(c.staffLoginId(), 4);
        login(c.staffLoginId());
        lock(c.staffLoginId(), 4);

        assertThat(lockoutOf(c.staffLoginId()).get("failures")).isEqualTo(4);
        login(c.staffLoginId());
    }

    @Test
    @DisplayName("[SEC-LOCK] each company's N, window and duration apply: 3 in 10 minutes for 5 minutes at one company, the defaults at another")
    void lockoutWhenCompaniesDifferThenEachOwnPolicy() {
        TestCompany strict = fixtures.company("株式会社厳格施錠");
        TestCompany usual = fixtures.company("株式会社標準施錠");
        SecuritySettingsSteps.change(client(login(strict.adminLoginId())), form -> {
            SecuritySettingsSteps.set(form, "lockout.maxFailures", 3);
            SecuritySettingsSteps.set(form, "lockout.windowMinutes", 10);
            SecuritySettingsSteps.set(form, "lockout.durationMinutes", 5);
        });

        lock(strict.staffLoginId(), 3);
        lock(usual.staffLoginId(), 3);
        assertThat(LoginSteps.refused(client(), strict.staffLoginId(), DemoData.PASSWORD).status()).isEqualTo(401);
        login(usual.staffLoginId());

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        login(strict.staffLoginId());

        String other = fixtures.user(strict.id(), "STAFF");
        lock(other, 2);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        lock(other, 2);
        assertThat(lockoutOf(other).get("failures")).as("the window's failures lapsed: a new window of 2").isEqualTo(2);
        login(other);
    }

    @Test
    @DisplayName("[SEC-LOCK] a lock is audited as auth.lockout on the company's chain by SYSTEM, mailed to the owner without the login ID or a password, and raises the operators' alert")
    void lockWhenReachedThenAuditedMailedAndAlerted() {
        TestCompany c = fixtures.company("株式会社施錠通知");
        String email = (String) sql.rows("SELECT email FROM app_user WHERE login_id = ?", c.staffLoginId()).get(0).get("email");
        lock(c.staffLoginId(), 5);

        Map<String, Object> event = sql.rows("SELECT actor_type, actor_id, target_type, target_id, details->>'failures' AS failures"
                + " FROM audit_event WHERE company_id = ? AND action = 'auth.lockout'", c.id()).get(0);
        assertThat(event).containsEntry("actor_type", "SYSTEM").containsEntry("target_type", "user")
                .containsEntry("failures", "5");
        assertThat(event.get("actor_id")).isNull();
        assertThat(sql.count("SELECT count(*) FROM alert WHERE chain = ? AND rule_key = 'platform:Account locked'", c.id()))
                .isOne();

        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(email).size() == 1);
        String text = String.valueOf(content(mailTo(email).get(0)));
        assertThat(text).contains("locked").contains("5 wrong passwords")
                .doesNotContain(c.staffLoginId(), WRONG, DemoData.PASSWORD);
    }

    @Test
    @DisplayName("[SEC-LOCK] an administrator unlocks a user of the company at once, audited as auth.unlock; staff get 403, another company's administrator 404")
    void unlockWhenAdminThenOpenAndOthersRefused() {
        TestCompany c = fixtures.company("株式会社解錠");
        TestCompany other = fixtures.company("株式会社他社解錠");
        lock(c.staffLoginId(), 5);
        UUID staffId = userId(c.staffLoginId());
        String path = "/api/v1/company/users/" + staffId + "/lockout";

        String staffPeer = fixtures.user(c.id(), "STAFF");
        client(login(staffPeer)).delete().uri(path).exchange().expectStatus().isForbidden();
        client(login(other.adminLoginId())).delete().uri(path).exchange().expectStatus().isNotFound();
        client(login(c.adminLoginId())).delete().uri("/api/v1/company/users/" + UUID.randomUUID() + "/lockout")
                .exchange().expectStatus().isNotFound();
        assertThat(LoginSteps.refused(client(), c.staffLoginId(), DemoData.PASSWORD).status())
                .as("still locked after the refused unlocks").isEqualTo(401);

        client(login(c.adminLoginId())).delete().uri(path).exchange().expectStatus().isNoContent();
        login(c.staffLoginId());
        assertThat(sql.rows("SELECT actor_type, details->>'wasLocked' AS was FROM audit_event"
                + " WHERE company_id = ? AND action = 'auth.unlock'", c.id()))
                .containsExactly(Map.of("actor_type", "USER", "was", "true"));
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'auth.unlock'", other.id()))
                .isZero();
    }

    private void lock(String loginId, int failures) {
        for (int i = 0; i < failures; i++) {
            assertThat(LoginSteps.refused(client(), loginId, WRONG).status()).isEqualTo(401);
        }
    }

    private Map<String, Object> lockoutOf(String loginId) {
        return sql.rows("SELECT l.failures, l.locked_until FROM login_lockout l JOIN app_user u ON u.id = l.user_id"
                + " WHERE u.login_id = ?", loginId).get(0);
    }

    private UUID userId(String loginId) {
        return (UUID) sql.rows("SELECT id FROM app_user WHERE login_id = ?", loginId).get(0).get("id");
    }

    private double lockouts() {
        return meters.get("btob.lockouts").counter().count();
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(Receivers.mail().getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(to -> to.toString().equals(address));
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }

    private static Object content(MimeMessage message) {
        try {
            return message.getContent();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
