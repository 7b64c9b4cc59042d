package jp.btob.platform.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.incident.IncidentSteps.MAP;
import static jp.btob.platform.incident.IncidentSteps.deliveries;
import static jp.btob.platform.incident.IncidentSteps.instant;
import static jp.btob.platform.incident.IncidentSteps.notice;
import static jp.btob.platform.incident.IncidentSteps.record;
import static jp.btob.platform.incident.IncidentSteps.report;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Recording an incident: who gets a notice and a mail, who may read it, and what is refused with nothing written. */
class IncidentRecordTests extends IntegrationTest {

    private static final UUID PLATFORM_CHAIN = new UUID(0, 0);

    @Autowired
    private DatabaseClient db;

    @Test
    @DisplayName("[OPS-INC] recording an incident publishes one notice to exactly each affected company, each due 24 hours after the detection")
    void recordThenOneNoticePerAffectedCompany() {
        TestCompany a = fixtures.company("株式会社影響A");
        TestCompany b = fixtures.company("株式会社影響B");
        TestCompany unaffected = fixtures.company("株式会社無関係C");
        Instant detected = clock.instant().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);

        Map<String, Object> incident = operator().post().uri("/api/v1/operator/incidents")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(report("通知テスト", detected, List.of(a.id(), b.id(), a.id())))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().value("Location", location -> assertThat(location)
                        .matches("/api/v1/operator/incidents/[0-9a-f-]{36}"))
                .expectBody(MAP).returnResult().getResponseBody();

        assertThat(incident).containsEntry("status", "OPEN").containsEntry("promiseKept", true)
                .containsEntry("recordedBy", DemoData.OPERATOR.id().toString());
        assertThat(instant(incident.get("deadline"))).isEqualTo(detected.plus(Duration.ofHours(24)));
        Map<UUID, Map<String, Object>> notices = deliveries(incident);
        assertThat(notices.keySet()).as("a repeated ID counts once").containsExactlyInAnyOrder(a.id(), b.id());
        notices.values().forEach(notice -> {
            assertThat(notice).containsEntry("promise", "KEPT");
            assertThat(instant(notice.get("deadline"))).isEqualTo(detected.plus(Duration.ofHours(24)));
            assertThat(instant(notice.get("notifiedAt"))).isAfter(detected).isBeforeOrEqualTo(clock.instant());
        });
        assertThat(noticeCompanies(incident.get("id"))).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(incidentMails.to(unaffected.id())).isEmpty();
    }

    @Test
    @DisplayName("[OPS-INC] the affected companies' administrators read the notice; another company's administrator gets 404, the company's staff 403")
    void recordThenNoticeVisibleToAffectedAdminsOnly() {
        TestCompany a = fixtures.company("株式会社閲覧A");
        TestCompany b = fixtures.company("株式会社閲覧B");
        TestCompany other = fixtures.company("株式会社閲覧外");
        Object id = record(operator(), "閲覧範囲テスト", clock.instant().minus(Duration.ofHours(1)), List.of(a.id(), b.id()))
                .get("id");

        WebTestClient adminA = client(login(a.adminLoginId()));
        Map<String, Object> notice = notice(adminA, a.id(), id);
        assertThat(notice).containsEntry("incidentId", id).containsEntry("title", "閲覧範囲テスト")
                .containsEntry("promise", "KEPT").containsEntry("status", "OPEN");
        assertThat(notice.toString()).as("a company's notice names no other company")
                .doesNotContain(b.id().toString()).doesNotContain(b.name()).doesNotContain(b.code());
        adminA.get().uri("/api/v1/companies/{c}/incidents", a.id()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].incidentId").isEqualTo(id);
        notice(client(login(b.adminLoginId())), b.id(), id);

        WebTestClient outsider = client(login(other.adminLoginId()));
        assertProblem(outsider.get().uri("/api/v1/companies/{c}/incidents/{i}", other.id(), id).exchange()
                .expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        assertProblem(outsider.get().uri("/api/v1/companies/{c}/incidents/{i}", a.id(), id).exchange()
                .expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        outsider.get().uri("/api/v1/companies/{c}/incidents", a.id()).exchange().expectStatus().isNotFound();
        outsider.get().uri("/api/v1/companies/{c}/incidents", other.id()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);

        WebTestClient staffA = client(login(a.staffLoginId()));
        assertProblem(staffA.get().uri("/api/v1/companies/{c}/incidents/{i}", a.id(), id).exchange()
                .expectStatus().isForbidden().expectBody(), "/problems/permission-denied", 403);
        staffA.get().uri("/api/v1/companies/{c}/incidents", a.id()).exchange().expectStatus().isForbidden();
    }

    @Test
    @DisplayName("[OPS-INC] the mailer gets one mail per notice, to exactly the company's active administrators: not its staff, not a disabled administrator")
    void recordThenMailerGetsActiveAdminsOfEachAffectedCompany() {
        TestCompany a = fixtures.company("株式会社宛先A");
        String secondAdmin = fixtures.user(a.id(), "ADMIN");
        String disabledAdmin = fixtures.user(a.id(), "ADMIN");
        fixtures.disableUser(disabledAdmin);
        TestCompany b = fixtures.company("株式会社宛先B");
        TestCompany nobody = fixtures.company("株式会社宛先なし");
        fixtures.disableUser(nobody.adminLoginId());
        TestCompany unaffected = fixtures.company("株式会社宛先外");

        Map<String, Object> incident = record(operator(), "宛先テスト", clock.instant().minus(Duration.ofMinutes(5)),
                List.of(a.id(), b.id(), nobody.id()));
        UUID id = UUID.fromString((String) incident.get("id"));

        List<NoticeMail> mails = incidentMails.of(id);
        assertThat(mails).hasSize(3).allSatisfy(mail -> {
            assertThat(mail.kind()).isEqualTo(NoticeMail.Kind.PUBLISHED);
            assertThat(mail.title()).isEqualTo("宛先テスト");
            assertThat(mail.text()).isEqualTo(report("宛先テスト", Instant.EPOCH, List.of()).get("description"));
        });
        Map<UUID, NoticeMail> byCompany = mails.stream().collect(Collectors.toMap(NoticeMail::companyId, mail -> mail));
        assertThat(byCompany.get(a.id()).recipients())
                .containsExactlyInAnyOrder(a.adminLoginId() + "@test.example", secondAdmin + "@test.example");
        assertThat(byCompany.get(b.id()).recipients()).containsExactly(b.adminLoginId() + "@test.example");
        assertThat(byCompany.get(nobody.id()).recipients()).as("published even with nobody to mail").isEmpty();
        assertThat(incidentMails.to(unaffected.id())).isEmpty();
        assertThat(Set.copyOf(mails.stream().map(NoticeMail::noticeId).toList()))
                .isEqualTo(Set.copyOf(noticeIds(id)));

        Map<UUID, Map<String, Object>> notices = deliveries(incident);
        assertThat(notices.get(a.id())).containsEntry("recipients", 2);
        assertThat(notices.get(b.id())).containsEntry("recipients", 1);
        assertThat(notices.get(nobody.id())).as("the operators see that nobody was mailed").containsEntry("recipients", 0);
    }

    @Test
    @DisplayName("[OPS-INC] a first detection in the future is refused with a 422 problem and nothing is recorded; the platform's clock, not the machine's, says what the future is")
    void recordWhenDetectionInFutureThenUnprocessable() {
        TestCompany a = fixtures.company("株式会社未来");
        WebTestClient operator = operator();
        long before = auditEvents(a.id()) + auditEvents(null);
        String title = "未来の検知 " + UUID.randomUUID();

        assertProblem(operator.post().uri("/api/v1/operator/incidents")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(report(title, clock.instant().plus(Duration.ofMinutes(10)), List.of(a.id())))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody(), "/problems/unprocessable", 422);
        assertThat(incidentsTitled(title)).isZero();
        assertThat(incidentMails.to(a.id())).isEmpty();
        assertThat(auditEvents(a.id()) + auditEvents(null)).isEqualTo(before);

        Instant machineFuture = Instant.now().plus(Duration.ofHours(2));
        clock.advance(Duration.ofHours(3));
        record(client(operatorLogin(DemoData.OPERATOR.loginId())), title, machineFuture, List.of(a.id()));
        assertThat(incidentsTitled(title)).as("two hours ahead of the machine, an hour behind the platform's clock").isOne();
    }

    @Test
    @DisplayName("[OPS-INC] an unknown company ID among the affected is refused with a 422 problem and nothing is written: no incident, no notice, no audit event, no mail")
    void recordWhenCompanyUnknownThenNothingWritten() {
        TestCompany a = fixtures.company("株式会社実在");
        WebTestClient operator = operator();
        UUID unknown = UUID.randomUUID();
        long companyEvents = auditEvents(a.id());
        long platformEvents = auditEvents(null);
        String title = "存在しない会社 " + UUID.randomUUID();

        Map<String, Object> problem = operator.post().uri("/api/v1/operator/incidents")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(report(title, clock.instant().minus(Duration.ofHours(1)), List.of(a.id(), unknown)))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody(MAP).returnResult().getResponseBody();
        assertThat(problem).containsEntry("type", "/problems/unprocessable");
        assertThat((String) problem.get("detail")).contains(unknown.toString()).doesNotContain(a.id().toString());

        assertThat(incidentsTitled(title)).isZero();
        assertThat(count("SELECT count(*) FROM incident_notice WHERE company_id = :c", a.id())).isZero();
        assertThat(auditEvents(a.id())).isEqualTo(companyEvents);
        assertThat(auditEvents(null)).isEqualTo(platformEvents);
        assertThat(incidentMails.to(a.id())).isEmpty();
    }

    @Test
    @DisplayName("[OPS-INC] adding an unknown company to an incident is refused with a 422 problem and adds no one, not even the known companies sent with it")
    void addCompaniesWhenOneUnknownThenNothingAdded() {
        TestCompany a = fixtures.company("株式会社追加A");
        TestCompany b = fixtures.company("株式会社追加B");
        WebTestClient operator = operator();
        Object id = record(operator, "追加失敗テスト", clock.instant().minus(Duration.ofHours(1)), List.of(a.id())).get("id");
        long events = auditEvents(b.id()) + auditEvents(null);

        operator.post().uri("/api/v1/operator/incidents/{id}/companies", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("companyIds", List.of(b.id(), UUID.randomUUID())))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unprocessable");

        assertThat(noticeCompanies(id)).containsExactly(a.id());
        assertThat(incidentMails.to(b.id())).isEmpty();
        assertThat(auditEvents(b.id()) + auditEvents(null)).isEqualTo(events);
    }

    @Test
    @DisplayName("[OPS-INC] a report without affected companies, with an empty title or an unknown severity is refused by validation before anything is looked up")
    void recordWhenReportInvalidThenValidationProblem() {
        TestCompany a = fixtures.company("株式会社検証");
        Map<String, Object> noCompanies = report("会社なし", clock.instant(), List.of());
        Map<String, Object> noTitle = report("", clock.instant(), List.of(a.id()));
        Map<String, Object> badSeverity = report("重大度不正", clock.instant(), List.of(a.id()));
        badSeverity.put("severity", "APOCALYPTIC");
        WebTestClient operator = operator();
        for (Map<String, Object> body : List.of(noCompanies, noTitle, badSeverity)) {
            assertProblem(operator.post().uri("/api/v1/operator/incidents")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody(), "/problems/validation", 400);
        }
        assertThat(count("SELECT count(*) FROM incident_notice WHERE company_id = :c", a.id())).isZero();
    }

    private WebTestClient operator() {
        return client(operatorLogin(DemoData.OPERATOR.loginId()));
    }

    private List<UUID> noticeCompanies(Object incidentId) {
        return db.sql("SELECT company_id FROM incident_notice WHERE incident_id = :i")
                .bind("i", UUID.fromString(incidentId.toString()))
                .map((row, meta) -> row.get("company_id", UUID.class)).all().collectList().block();
    }

    private List<UUID> noticeIds(UUID incidentId) {
        return db.sql("SELECT id FROM incident_notice WHERE incident_id = :i")
                .bind("i", incidentId)
                .map((row, meta) -> row.get("id", UUID.class)).all().collectList().block();
    }

    private long incidentsTitled(String title) {
        return db.sql("SELECT count(*) FROM incident WHERE title = :t").bind("t", title)
                .map((row, meta) -> row.get(0, Long.class)).one().block();
    }

    /** Incident events on a company's chain, or on the platform's for null. */
    private long auditEvents(UUID companyId) {
        return count("SELECT count(*) FROM audit_event WHERE chain = :c AND action LIKE 'incident.%'",
                companyId == null ? PLATFORM_CHAIN : companyId);
    }

    private long count(String sql, UUID id) {
        return db.sql(sql).bind("c", id).map((row, meta) -> row.get(0, Long.class)).one().block();
    }
}
