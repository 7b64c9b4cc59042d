package jp.btob.platform.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.MimeMessage;
import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.support.Fixtures.TestCompany;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** When a rule raises an alert, how many, to whom, and that it commits with the events that raised it. */
class AlertRaisingTests extends AlertSteps {

    private static final String WRONG = "Wrong#Guess-2026";

    @Autowired
    private AuditLog audit;

    @Autowired
    private TransactionalOperator tx;

    @Test
    @DisplayName("[OPS-ALERT] N-1 matching events raise nothing, the Nth exactly one alert, more in the window none, and after the window a new one")
    void thresholdWhenCrossedThenOneAlertPerWindow() {
        TestCompany c = fixtures.company("株式会社警報閾値");
        String admin = login(c.adminLoginId());
        UUID rule = rule(admin, c.id(), "auth.login", "FAILURE", 3, 600);

        failLogin(c.staffLoginId(), WRONG);
        failLogin(c.staffLoginId(), WRONG);
        login(c.staffLoginId());
        assertThat(alertsOf(rule)).as("2 failures and a success are below a threshold of 3 failures").isZero();

        failLogin(c.staffLoginId(), WRONG);
        assertThat(alertsOf(rule)).isEqualTo(1);
        assertThat(sql.rows("SELECT event_count, window_seconds, action, outcome FROM alert WHERE rule_id = ?", rule).get(0))
                .containsEntry("event_count", 3).containsEntry("window_seconds", 600)
                .containsEntry("action", "auth.login").containsEntry("outcome", "FAILURE");

        failLogin(c.staffLoginId(), WRONG);
        failLogin(c.adminLoginId(), WRONG);
        assertThat(alertsOf(rule)).as("more failures within the same window").isEqualTo(1);

        clock.advance(Duration.ofSeconds(601));
        String freshAdmin = login(c.adminLoginId());
        failLogin(c.staffLoginId(), WRONG);
        failLogin(c.staffLoginId(), WRONG);
        assertThat(alertsOf(rule)).as("the old window's failures no longer count").isEqualTo(1);
        failLogin(c.staffLoginId(), WRONG);
        assertThat(alertsOf(rule)).isEqualTo(2);

        List<?> listed = (List<?>) client(freshAdmin).get().uri("/api/v1/companies/{c}/alerts", c.id())
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items");
        assertThat(listed).hasSize(2);
        assertThat(asMap(listed.get(0))).containsEntry("ruleId", rule.toString()).containsEntry("count", 3)
                .containsEntry("action", "auth.login").containsEntry("outcome", "FAILURE");
        assertThat((String) asMap(listed.get(0)).get("auditPath"))
                .startsWith("/api/v1/audit?action=auth.login&outcome=FAILURE&from=");
    }

    @Test
    @DisplayName("[OPS-ALERT] a disabled rule and a rule on another outcome raise nothing; another company's events never count")
    void thresholdWhenRuleDisabledOrOtherCompanyThenNothing() {
        TestCompany c = fixtures.company("株式会社警報無効");
        TestCompany other = fixtures.company("株式会社警報他社");
        String admin = login(c.adminLoginId());
        UUID disabled = rule(admin, c.id(), "auth.login", "FAILURE", 1, 600);
        client(admin).put().uri("/api/v1/companies/{c}/alert-rules/{r}", c.id(), disabled)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "止めた規則", "action", "auth.login", "outcome", "FAILURE", "threshold", 1,
                        "windowSeconds", 600, "enabled", false))
                .exchange().expectStatus().isOk();
        UUID successes = rule(admin, c.id(), "auth.login", "SUCCESS", 3, 600);

        failLogin(c.staffLoginId(), WRONG);
        failLogin(other.staffLoginId(), WRONG);
        failLogin(other.staffLoginId(), WRONG);
        login(other.staffLoginId());
        login(other.staffLoginId());
        assertThat(alertsOf(disabled)).isZero();
        assertThat(alertsOf(successes)).as("the admin's own login is 1 success of 3").isZero();
        login(c.staffLoginId());
        login(c.staffLoginId());
        assertThat(alertsOf(successes)).isEqualTo(1);
    }

    @Test
    @DisplayName("[OPS-ALERT] 20 parallel failed logins against a threshold of 5 raise exactly one alert and one e-mail per administrator")
    void thresholdWhenParallelFailuresThenExactlyOneAlert() throws Exception {
        TestCompany c = fixtures.company("株式会社警報同時");
        String admin = login(c.adminLoginId());
        UUID rule = rule(admin, c.id(), "auth.login", "FAILURE", 5, 600);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(fixtures.user(c.id(), "STAFF"));
        }
        ExecutorService threads = Executors.newFixedThreadPool(users.size());
        try {
            CyclicBarrier start = new CyclicBarrier(users.size());
            List<CompletableFuture<Void>> attempts = new ArrayList<>();
            for (String user : users) {
                attempts.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                    }
                    catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                    failLogin(user, WRONG);
                }, threads));
            }
            CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'auth.login' AND outcome = 'FAILURE'",
                c.id())).isEqualTo(20);
        assertThat(alertsOf(rule)).isEqualTo(1);
        UUID alert = (UUID) sql.rows("SELECT id FROM alert WHERE rule_id = ?", rule).get(0).get("id");
        assertThat(sql.rows("SELECT channel, recipient FROM notification WHERE topic_id = ?", alert))
                .containsExactly(Map.of("channel", "EMAIL", "recipient", emailOf(c.adminLoginId())));
        assertThat((Integer) sql.rows("SELECT event_count FROM alert WHERE id = ?", alert).get(0).get("event_count"))
                .isEqualTo(5);
    }

    @Test
    @DisplayName("[OPS-ALERT] the alert e-mail reaches the SMTP server for each active administrator of that company only, and carries no secret")
    void emailWhenRaisedThenOnlyActiveAdminsAndNoSecret() throws Exception {
        TestCompany c = fixtures.company("株式会社警報宛先");
        TestCompany other = fixtures.company("株式会社警報宛先外");
        String secondAdmin = fixtures.user(c.id(), "ADMIN");
        String disabledAdmin = fixtures.user(c.id(), "ADMIN");
        fixtures.disableUser(disabledAdmin);
        String admin = login(c.adminLoginId());
        String secret = (String) endpoint(admin, c.id(), jp.btob.platform.support.Receivers.webhookUrl("/mail-" + UUID.randomUUID()))
                .get("secret");
        UUID rule = rule(admin, c.id(), "auth.login", "FAILURE", 2, 600);

        failLogin(c.staffLoginId(), WRONG);
        failLogin(c.staffLoginId(), WRONG);
        assertThat(alertsOf(rule)).isEqualTo(1);

        List<MimeMessage> first = awaitMail(emailOf(c.adminLoginId()), 1);
        List<MimeMessage> second = awaitMail(emailOf(secondAdmin), 1);
        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);
        String mail = text(first.get(0));
        assertThat(mail).contains("規則 auth.login 2", "auth.login (FAILURE)", "2 within 600 seconds", c.code(),
                "/api/v1/audit?action=auth.login&outcome=FAILURE&from=");
        assertThat(first.get(0).getFrom()[0].toString()).isEqualTo("alerts@platform.test");
        assertThat(mail).doesNotContain(WRONG, admin, secret, "Demo#2026pass");

        // Give the worker time to have sent anything else it would have sent for this alert: both
        // e-mails done, and the webhook tried at least once (a receiver that refuses it keeps it
        // retried for days, so it may stay pending).
        await().atMost(DEADLINE).until(() -> sql.count(
                "SELECT count(*) FROM notification n JOIN alert a ON a.id = n.topic_id WHERE a.rule_id = ?"
                        + " AND (n.channel = 'EMAIL' AND n.status <> 'PENDING' OR n.channel = 'WEBHOOK' AND n.attempts >= 1)",
                rule) == 3);
        assertThat(mailTo(emailOf(disabledAdmin))).isEmpty();
        assertThat(mailTo(emailOf(c.staffLoginId()))).isEmpty();
        assertThat(mailTo(emailOf(other.adminLoginId()))).isEmpty();
    }

    @Test
    @DisplayName("[OPS-ALERT] a rolled-back transaction leaves neither the audit event, nor the alert, nor an outbox row; committed, all three")
    void raiseWhenTransactionRollsBackThenNothing() {
        TestCompany c = fixtures.company("株式会社警報巻戻");
        String admin = login(c.adminLoginId());
        UUID rule = rule(admin, c.id(), "partner.invite", null, 1, 600);
        AuditEntry entry = new AuditEntry(c.id(), Actor.system(), AuditAction.PARTNER_INVITE, "partner-connection",
                UUID.randomUUID(), AuditOutcome.SUCCESS, null);
        long events = sql.count("SELECT count(*) FROM audit_event WHERE company_id = ?", c.id());
        long outbox = sql.count("SELECT count(*) FROM notification");

        Mono<Void> failing = audit.record(entry).then(Mono.error(new IllegalStateException("forced failure after the event")));
        assertThatThrownBy(() -> failing.as(tx::transactional).block()).hasMessageContaining("forced failure");

        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ?", c.id())).isEqualTo(events);
        assertThat(alertsOf(rule)).isZero();
        assertThat(sql.count("SELECT count(*) FROM notification")).isEqualTo(outbox);

        audit.record(entry).as(tx::transactional).block();
        assertThat(alertsOf(rule)).isEqualTo(1);
        UUID alert = (UUID) sql.rows("SELECT id FROM alert WHERE rule_id = ?", rule).get(0).get("id");
        assertThat(sql.count("SELECT count(*) FROM notification WHERE topic_id = ?", alert)).isEqualTo(1);
    }
}
