package jp.btob.platform.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Receivers;
import jp.btob.platform.support.Sql;
import jp.btob.platform.support.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The periodic chain check: a tampered chain is reported once, as an event that raises the operators' alert. */
class ChainWatchTests extends IntegrationTest {

    private final Sql sql = new Sql(DATABASE);

    @Autowired
    private ChainWatch watch;

    @Test
    @DisplayName("[OPS-ALERT] a row tampered with in SQL: the chain job records audit.chain-broken and the operators' alert is raised and mailed; a second run raises nothing more")
    void sweepWhenChainTamperedThenReportedOnce() throws Exception {
        TestCompany c = fixtures.company("株式会社改ざん検知");
        login(c.staffLoginId());
        login(c.staffLoginId());
        login(c.staffLoginId());
        watch.sweep().block();
        assertThat(chainBroken(c.id())).as("an intact chain is not reported").isEmpty();

        UUID tampered = (UUID) sql.rows("SELECT id FROM audit_event WHERE company_id = ? AND seq = 2", c.id()).get(0).get("id");
        bypassingTrigger("UPDATE audit_event SET source_address = '203.0.113.66' WHERE id = ?", tampered);

        assertThat(watch.sweep().block()).isGreaterThanOrEqualTo(1L);
        List<Map<String, Object>> reports = chainBroken(c.id());
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0)).containsEntry("actor_type", "SYSTEM").containsEntry("outcome", "FAILURE")
                .containsEntry("target_type", "audit-chain").containsEntry("target_id", c.id())
                .containsEntry("seq", 4L);
        assertThat((String) reports.get(0).get("details")).contains("\"brokenSeq\": 2", "\"reason\": \"CONTENT_MISMATCH\"",
                tampered.toString());
        List<Map<String, Object>> alerts = sql.rows(
                "SELECT id, rule_key, event_count, visible_to_company FROM alert WHERE chain = ? AND action = 'audit.chain-broken'",
                c.id());
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).containsEntry("rule_key", "platform:Audit chain broken").containsEntry("event_count", 1)
                .containsEntry("visible_to_company", false);
        UUID alert = (UUID) alerts.get(0).get("id");
        for (String operator : List.of("ops-1@platform.test", "ops-2@platform.test")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> mailAbout(operator, c.code()).size() == 1);
            assertThat(body(mailAbout(operator, c.code()).get(0))).contains("Audit chain broken", "audit.chain-broken",
                    alert.toString());
        }

        watch.sweep().block();
        assertThat(chainBroken(c.id())).hasSize(1);
        assertThat(sql.count("SELECT count(*) FROM alert WHERE chain = ? AND action = 'audit.chain-broken'", c.id())).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM notification WHERE topic_id = ?", alert)).isEqualTo(2);
    }

    private List<Map<String, Object>> chainBroken(UUID company) {
        return sql.rows("SELECT seq, actor_type, outcome, target_type, target_id, details::text AS details FROM audit_event"
                + " WHERE company_id = ? AND action = 'audit.chain-broken' ORDER BY seq", company);
    }

    private static List<MimeMessage> mailAbout(String address, String companyCode) {
        return Arrays.stream(Receivers.mail().getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(to -> to.toString().equals(address))
                        && message.getSubject().contains(companyCode);
            }
            catch (MessagingException ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }

    private static String body(MimeMessage message) throws Exception {
        return message.getSubject() + "\n" + message.getContent();
    }

    /** Changes the trail as only the table's owner could: the trigger is off for this one transaction. */
    private static void bypassingTrigger(String sql, Object parameter) throws SQLException {
        try (Connection jdbc = TestDatabase.connect(DATABASE)) {
            jdbc.setAutoCommit(false);
            try (Statement ddl = jdbc.createStatement(); PreparedStatement change = jdbc.prepareStatement(sql)) {
                ddl.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
                change.setObject(1, parameter);
                assertThat(change.executeUpdate()).isEqualTo(1);
                ddl.execute("ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_append_only");
            }
            jdbc.commit();
        }
    }
}
