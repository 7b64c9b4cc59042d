package jp.btob.platform.incident;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Receivers;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static jp.btob.platform.incident.IncidentSteps.record;
import static jp.btob.platform.incident.IncidentSteps.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Incident notices reach the affected companies' administrators by real e-mail, through the outbox. */
class IncidentMailTests extends IntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[OPS-INC] recording an incident e-mails each active administrator of each affected company, and nobody else")
    void noticeMailedToActiveAdministratorsOnly() throws Exception {
        TestCompany affected = fixtures.company("株式会社通知先");
        TestCompany bystander = fixtures.company("株式会社無関係");
        String title = "通知メール確認 " + UUID.randomUUID();
        Map<String, Object> incident = record(client(operatorLogin(DemoData.OPERATOR.loginId())), title,
                clock.instant().minus(Duration.ofHours(2)), List.of(affected.id()));
        String adminAddress = affected.adminLoginId() + "@test.example";

        await().atMost(DEADLINE).until(() -> !mailAbout(title).isEmpty());
        List<MimeMessage> mails = mailAbout(title);
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(recipients(mail)).containsExactly(adminAddress);
        assertThat(mail.getSubject()).contains("Security incident notice").contains(title);
        assertThat((String) mail.getContent()).contains(title).contains("HIGH")
                .contains("/api/v1/companies/" + affected.id() + "/incidents/" + incident.get("id"));
        assertThat(sql.count("SELECT count(*) FROM notification WHERE recipient IN (?, ?, ?)",
                affected.staffLoginId() + "@test.example", bystander.adminLoginId() + "@test.example",
                bystander.staffLoginId() + "@test.example")).isZero();
    }

    @Test
    @DisplayName("[OPS-INC] an incident refused for an unknown company queues no mail at all")
    void refusedIncidentQueuesNoMail() {
        TestCompany affected = fixtures.company("株式会社未送信");
        String title = "送られてはならない通知 " + UUID.randomUUID();
        client(operatorLogin(DemoData.OPERATOR.loginId())).post().uri("/api/v1/operator/incidents")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(report(title, clock.instant().minus(Duration.ofHours(1)), List.of(affected.id(), UUID.randomUUID())))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().returnResult();

        assertThat(sql.count("SELECT count(*) FROM notification WHERE recipient = ?", affected.adminLoginId() + "@test.example"))
                .isZero();
    }

    private static List<MimeMessage> mailAbout(String title) {
        return Arrays.stream(Receivers.mail().getReceivedMessages())
                .filter(message -> {
                    try {
                        return message.getSubject().contains(title);
                    }
                    catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                })
                .toList();
    }

    private static List<String> recipients(MimeMessage message) throws Exception {
        Address[] to = message.getRecipients(Message.RecipientType.TO);
        return Arrays.stream(to).map(Address::toString).toList();
    }
}
