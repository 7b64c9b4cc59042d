package jp.btob.platform.incident;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static jp.btob.platform.incident.IncidentSteps.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Until the outbox exists, the platform's incident mailer only logs that a notice's mail is ready. */
@ExtendWith(OutputCaptureExtension.class)
class IncidentMailLogTests extends IntegrationTest {

    @Test
    @DisplayName("[OPS-INC] the platform's mailer logs that each notice's mail is ready, naming the notice and counting the recipients, never an address or what the incident is about")
    void recordThenMailReadyLoggedWithoutAddressesOrContent(CapturedOutput output) {
        TestCompany company = fixtures.company("株式会社ログ確認");
        String title = "ログに出してはならない件名";
        Map<String, Object> incident = record(client(operatorLogin(DemoData.OPERATOR.loginId())), title,
                clock.instant().minus(Duration.ofHours(1)), List.of(company.id()));
        String id = (String) incident.get("id");

        String line = await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().lines()
                        .filter(text -> text.contains("Incident notice mail") && text.contains(id))
                        .findFirst().orElse(null),
                found -> found != null);
        assertThat(line).contains("PUBLISHED").contains("1 administrator(s)").contains(company.id().toString());
        NoticeMail mail = incidentMails.of(java.util.UUID.fromString(id)).get(0);
        assertThat(line).contains(mail.noticeId().toString());
        assertThat(output.getOut()).doesNotContain(company.adminLoginId() + "@test.example")
                .doesNotContain(title)
                .doesNotContain(mail.text());
    }
}
