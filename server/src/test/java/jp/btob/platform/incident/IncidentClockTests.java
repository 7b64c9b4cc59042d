package jp.btob.platform.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.incident.IncidentSteps.addCompanies;
import static jp.btob.platform.incident.IncidentSteps.deliveries;
import static jp.btob.platform.incident.IncidentSteps.get;
import static jp.btob.platform.incident.IncidentSteps.instant;
import static jp.btob.platform.incident.IncidentSteps.notice;
import static jp.btob.platform.incident.IncidentSteps.record;
import static org.assertj.core.api.Assertions.assertThat;

/** The 24-hour clock: each notice is judged by when it was published against the first detection plus 24 hours. */
class IncidentClockTests extends IntegrationTest {

    @Test
    @DisplayName("[OPS-INC] a notice published 23 hours after the detection keeps the promise; one published 25 hours after misses it, and the incident says the promise was not kept")
    void recordWhenDetectedLongAgoThenMissed() {
        TestCompany a = fixtures.company("株式会社期限内");
        TestCompany b = fixtures.company("株式会社期限外");
        WebTestClient operator = client(operatorLogin(DemoData.OPERATOR.loginId()));

        Map<String, Object> inTime = record(operator, "23時間後の記録", clock.instant().minus(Duration.ofHours(23)),
                List.of(a.id()));
        assertThat(deliveries(inTime).get(a.id())).containsEntry("promise", "KEPT");
        assertThat(inTime).containsEntry("promiseKept", true);

        Map<String, Object> late = record(operator, "25時間後の記録", clock.instant().minus(Duration.ofHours(25)),
                List.of(b.id()));
        Map<String, Object> lateNotice = deliveries(late).get(b.id());
        assertThat(lateNotice).containsEntry("promise", "MISSED");
        assertThat(instant(lateNotice.get("notifiedAt"))).isAfter(instant(lateNotice.get("deadline")));
        assertThat(late).containsEntry("promiseKept", false);

        Map<String, Object> seenByB = notice(client(login(b.adminLoginId())), b.id(), late.get("id"));
        assertThat(seenByB).as("the company sees the promise missed too").containsEntry("promise", "MISSED");
        assertThat(notice(client(login(a.adminLoginId())), a.id(), inTime.get("id"))).containsEntry("promise", "KEPT");
    }

    @Test
    @DisplayName("[OPS-INC] a company added 30 hours after the detection, by the platform's clock, is MISSED while the first stays KEPT; the incident's promise turns false")
    void addCompanyWhenClockMovedPastDeadlineThenMissed() {
        TestCompany first = fixtures.company("株式会社初回通知");
        TestCompany later = fixtures.company("株式会社後日判明");
        Instant detected = clock.instant().minus(Duration.ofHours(1));
        Map<String, Object> incident = record(client(operatorLogin(DemoData.OPERATOR.loginId())), "後日判明テスト",
                detected, List.of(first.id()));
        UUID id = UUID.fromString((String) incident.get("id"));
        Instant firstNotified = instant(deliveries(incident).get(first.id()).get("notifiedAt"));

        clock.advance(Duration.ofHours(29));
        WebTestClient operator = client(operatorLogin(DemoData.OPERATOR.loginId()));
        Map<String, Object> after = addCompanies(operator, id, List.of(later.id(), first.id()));

        Map<UUID, Map<String, Object>> notices = deliveries(after);
        assertThat(notices.get(first.id())).containsEntry("promise", "KEPT");
        assertThat(instant(notices.get(first.id()).get("notifiedAt"))).as("the first notice is left as it was")
                .isEqualTo(firstNotified);
        assertThat(notices.get(later.id())).containsEntry("promise", "MISSED");
        assertThat(instant(notices.get(later.id()).get("notifiedAt")))
                .as("stamped by the platform's clock, 30 hours after the detection")
                .isAfterOrEqualTo(detected.plus(Duration.ofHours(30)));
        assertThat(after).containsEntry("promiseKept", false);
        assertThat(get(operator, id)).containsEntry("promiseKept", false);

        assertThat(incidentMails.of(id)).extracting(NoticeMail::companyId)
                .as("one mail each; adding the first company again mails nobody")
                .containsExactlyInAnyOrder(first.id(), later.id());
        assertThat(notice(client(login(later.adminLoginId())), later.id(), id)).containsEntry("promise", "MISSED");
    }

    @Test
    @DisplayName("[OPS-INC] the verdict is fixed by what was recorded: moving the clock on does not turn a kept notice into a missed one")
    void readWhenClockMovedLaterThenVerdictUnchanged() {
        TestCompany a = fixtures.company("株式会社判定固定");
        Map<String, Object> incident = record(client(operatorLogin(DemoData.OPERATOR.loginId())), "判定固定テスト",
                clock.instant().minus(Duration.ofHours(2)), List.of(a.id()));

        clock.advance(Duration.ofDays(3));
        Map<String, Object> later = get(client(operatorLogin(DemoData.OPERATOR.loginId())), incident.get("id"));
        assertThat(deliveries(later).get(a.id())).containsEntry("promise", "KEPT");
        assertThat(later).containsEntry("promiseKept", true);
    }
}
