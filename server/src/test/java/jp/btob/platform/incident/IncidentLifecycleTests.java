package jp.btob.platform.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import static jp.btob.platform.incident.IncidentSteps.addCompanies;
import static jp.btob.platform.incident.IncidentSteps.deliveries;
import static jp.btob.platform.incident.IncidentSteps.instant;
import static jp.btob.platform.incident.IncidentSteps.notice;
import static jp.btob.platform.incident.IncidentSteps.record;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** After recording: updates, resolution, the audit trail of each change, the lists, and notices that cannot be rewritten. */
class IncidentLifecycleTests extends IntegrationTest {

    private static final UUID PLATFORM_CHAIN = new UUID(0, 0);

    @Autowired
    private DatabaseClient db;

    @Test
    @DisplayName("[OPS-INC] updates and the resolution show on every affected company's notice and are mailed to its administrators")
    void updateAndResolveThenOnNoticesAndMailed() {
        TestCompany a = fixtures.company("株式会社更新A");
        TestCompany b = fixtures.company("株式会社更新B");
        WebTestClient operator = operator();
        UUID id = id(record(operator, "更新テスト", clock.instant().minus(Duration.ofHours(2)), List.of(a.id(), b.id())));

        Map<String, Object> updated = post(operator, id, "updates", Map.of("text", "影響範囲を調査中です。"), 200);
        assertThat((List<?>) updated.get("updates")).hasSize(1);
        Map<String, Object> resolved = post(operator, id, "resolve", Map.of("resolution", "設定を修正し解消しました。"), 200);
        assertThat(resolved).containsEntry("status", "RESOLVED").containsEntry("resolution", "設定を修正し解消しました。");
        assertThat(instant(resolved.get("resolvedAt"))).isBeforeOrEqualTo(clock.instant());

        for (TestCompany company : List.of(a, b)) {
            Map<String, Object> notice = notice(client(login(company.adminLoginId())), company.id(), id);
            assertThat(notice).containsEntry("status", "RESOLVED").containsEntry("resolution", "設定を修正し解消しました。");
            assertThat((List<?>) notice.get("updates")).singleElement()
                    .satisfies(update -> assertThat(((Map<?, ?>) update).get("text")).isEqualTo("影響範囲を調査中です。"));
            assertThat(incidentMails.of(id).stream().filter(mail -> mail.companyId().equals(company.id())))
                    .extracting(NoticeMail::kind, NoticeMail::text, NoticeMail::recipients)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(NoticeMail.Kind.PUBLISHED,
                                    IncidentSteps.report("更新テスト", Instant.EPOCH, List.of()).get("description"),
                                    List.of(company.adminLoginId() + "@test.example")),
                            org.assertj.core.groups.Tuple.tuple(NoticeMail.Kind.UPDATED, "影響範囲を調査中です。",
                                    List.of(company.adminLoginId() + "@test.example")),
                            org.assertj.core.groups.Tuple.tuple(NoticeMail.Kind.RESOLVED, "設定を修正し解消しました。",
                                    List.of(company.adminLoginId() + "@test.example")));
        }
    }

    @Test
    @DisplayName("[OPS-INC] a resolved incident refuses another resolution and further updates with 409, but still takes companies found later")
    void resolvedThenNoResolveNoUpdateButCompaniesStillAdded() {
        TestCompany a = fixtures.company("株式会社解決済A");
        TestCompany later = fixtures.company("株式会社解決後判明");
        WebTestClient operator = operator();
        UUID id = id(record(operator, "解決済テスト", clock.instant().minus(Duration.ofHours(1)), List.of(a.id())));
        post(operator, id, "resolve", Map.of("resolution", "解消済み"), 200);

        assertProblem(send(operator, id, "resolve", Map.of("resolution", "二度目")).expectStatus().isEqualTo(409)
                .expectBody(), "/problems/invalid-transition", 409);
        assertProblem(send(operator, id, "updates", Map.of("text", "解決後の更新")).expectStatus().isEqualTo(409)
                .expectBody(), "/problems/invalid-transition", 409);
        assertThat(count("SELECT count(*) FROM incident_update WHERE incident_id = :i", id)).isZero();

        Map<String, Object> after = addCompanies(operator, id, List.of(later.id()));
        assertThat(deliveries(after)).containsKeys(a.id(), later.id());
        assertThat(after).containsEntry("status", "RESOLVED").containsEntry("resolution", "解消済み");
    }

    @Test
    @DisplayName("[OPS-INC] an incident that does not exist answers 404 to reading, updating, resolving and adding companies")
    void unknownIncidentThenNotFound() {
        WebTestClient operator = operator();
        UUID unknown = UUID.randomUUID();
        assertProblem(operator.get().uri("/api/v1/operator/incidents/{id}", unknown).exchange()
                .expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        send(operator, unknown, "updates", Map.of("text", "x")).expectStatus().isNotFound();
        send(operator, unknown, "resolve", Map.of("resolution", "x")).expectStatus().isNotFound();
        send(operator, unknown, "companies", Map.of("companyIds", List.of(DemoData.BUYER.id()))).expectStatus().isNotFound();
        assertThat(count("SELECT count(*) FROM incident_notice WHERE incident_id = :i", unknown)).isZero();
    }

    @Test
    @DisplayName("[OPS-INC] recording, adding, updating and resolving are audited as the operator on the platform chain and on each affected company's chain, where no other company is named")
    void changesThenAuditedOnPlatformAndCompanyChains() {
        TestCompany a = fixtures.company("株式会社監査A");
        TestCompany b = fixtures.company("株式会社監査B");
        TestCompany c = fixtures.company("株式会社監査C");
        WebTestClient operator = operator();
        UUID id = id(record(operator, "監査テスト", clock.instant().minus(Duration.ofHours(1)), List.of(a.id(), b.id())));
        addCompanies(operator, id, List.of(c.id(), a.id()));
        post(operator, id, "updates", Map.of("text", "調査中"), 200);
        post(operator, id, "resolve", Map.of("resolution", "解消"), 200);

        List<Map<String, Object>> platform = events(PLATFORM_CHAIN, id);
        assertThat(platform).extracting(event -> event.get("action"))
                .containsExactly("incident.record", "incident.add-companies", "incident.update", "incident.resolve");
        assertThat(platform).allSatisfy(event -> assertThat(event)
                .containsEntry("actor_type", "OPERATOR")
                .containsEntry("actor_id", DemoData.OPERATOR.id())
                .containsEntry("target_type", "incident")
                .containsEntry("outcome", "SUCCESS"));
        assertThat((String) platform.get(0).get("details")).contains(a.id().toString(), b.id().toString(), "HIGH");
        assertThat((String) platform.get(1).get("details")).as("only the company that was new")
                .contains(c.id().toString()).doesNotContain(a.id().toString());

        assertThat(events(a.id(), id)).extracting(event -> event.get("action"))
                .containsExactly("incident.record", "incident.update", "incident.resolve");
        assertThat(events(c.id(), id)).extracting(event -> event.get("action"))
                .containsExactly("incident.add-companies", "incident.update", "incident.resolve");
        for (TestCompany company : List.of(a, b, c)) {
            List<Map<String, Object>> own = events(company.id(), id);
            assertThat(own).allSatisfy(event -> assertThat(event).containsEntry("actor_type", "OPERATOR")
                    .containsEntry("actor_id", DemoData.OPERATOR.id()));
            assertThat((String) own.get(0).get("details")).contains("\"promise\": \"KEPT\"").contains("\"recipients\": 1");
            for (TestCompany other : List.of(a, b, c)) {
                if (other != company) {
                    assertThat(own).allSatisfy(event -> assertThat((String) event.get("content"))
                            .doesNotContain(other.id().toString()));
                }
            }
        }

        WebTestClient adminA = client(login(a.adminLoginId()));
        adminA.get().uri("/api/v1/audit?action=incident.record").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].actorType").isEqualTo("OPERATOR")
                .jsonPath("$.items[0].targetId").isEqualTo(id.toString());
        adminA.get().uri("/api/v1/audit/verify").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.valid").isEqualTo(true);
    }

    @Test
    @DisplayName("[OPS-INC] operators list incidents newest first across cursor pages; a company's administrators list its notices newest first")
    void listsThenNewestFirstWithCursor() {
        TestCompany a = fixtures.company("株式会社一覧");
        WebTestClient operator = operator();
        UUID older = id(record(operator, "一覧テスト 古", clock.instant().minus(Duration.ofHours(2)), List.of(a.id())));
        UUID newer = id(record(operator, "一覧テスト 新", clock.instant().minus(Duration.ofHours(3)), List.of(a.id())));

        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = operator.get()
                    .uri(cursor == null ? "/api/v1/operator/incidents?limit=2" : "/api/v1/operator/incidents?limit=2&cursor=" + cursor)
                    .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
            List<Map<String, Object>> items = items(page);
            assertThat(items).hasSizeLessThanOrEqualTo(2);
            all.addAll(items);
            cursor = (String) ((Map<?, ?>) page.get("page")).get("nextCursor");
        } while (cursor != null);
        List<String> ids = all.stream().map(item -> (String) item.get("id")).toList();
        assertThat(ids).doesNotHaveDuplicates().contains(older.toString(), newer.toString());
        assertThat(ids.indexOf(newer.toString())).as("recorded later, listed first").isLessThan(ids.indexOf(older.toString()));
        for (int i = 1; i < all.size(); i++) {
            assertThat(instant(all.get(i).get("recordedAt"))).isBeforeOrEqualTo(instant(all.get(i - 1).get("recordedAt")));
        }
        assertThat(all.get(ids.indexOf(newer.toString()))).containsEntry("affectedCompanies", 1).containsEntry("promiseKept", true);

        WebTestClient admin = client(login(a.adminLoginId()));
        Map<String, Object> first = admin.get().uri("/api/v1/companies/{c}/incidents?limit=1", a.id()).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        assertThat(items(first)).extracting(item -> item.get("incidentId")).containsExactly(newer.toString());
        String next = (String) ((Map<?, ?>) first.get("page")).get("nextCursor");
        assertThat(next).isNotNull();
        Map<String, Object> second = admin.get().uri("/api/v1/companies/{c}/incidents?limit=1&cursor={n}", a.id(), next)
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        assertThat(items(second)).extracting(item -> item.get("incidentId")).containsExactly(older.toString());
        assertThat(((Map<?, ?>) second.get("page")).get("nextCursor")).isNull();

        admin.get().uri("/api/v1/companies/{c}/incidents?cursor={n}", a.id(), next + "x").exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    @DisplayName("[OPS-INC] a published notice and a posted update cannot be changed or deleted, so no one can move a notice back inside its deadline")
    void noticeAndUpdateThenWriteOnce() {
        TestCompany a = fixtures.company("株式会社改ざん");
        WebTestClient operator = operator();
        UUID id = id(record(operator, "改ざんテスト", clock.instant().minus(Duration.ofHours(30)), List.of(a.id())));
        post(operator, id, "updates", Map.of("text", "更新"), 200);

        for (String sql : List.of(
                "UPDATE incident_notice SET notified_at = notified_at - interval '2 days' WHERE incident_id = :i",
                "DELETE FROM incident_notice WHERE incident_id = :i",
                "UPDATE incident_update SET text = '書き換え' WHERE incident_id = :i",
                "DELETE FROM incident_update WHERE incident_id = :i")) {
            assertThatThrownBy(() -> db.sql(sql).bind("i", id).fetch().rowsUpdated().block()).as(sql)
                    .hasMessageContaining("written once");
        }
        assertThat(deliveries(IncidentSteps.get(operator, id)).get(a.id())).containsEntry("promise", "MISSED");
    }

    private WebTestClient operator() {
        return client(operatorLogin(DemoData.OPERATOR.loginId()));
    }

    private static UUID id(Map<String, Object> incident) {
        return UUID.fromString((String) incident.get("id"));
    }

    private static WebTestClient.ResponseSpec send(WebTestClient operator, UUID id, String action, Map<String, Object> body) {
        return operator.post().uri("/api/v1/operator/incidents/{id}/" + action, id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static Map<String, Object> post(WebTestClient operator, UUID id, String action, Map<String, Object> body,
                                            int status) {
        return send(operator, id, action, body).expectStatus().isEqualTo(status)
                .expectBody(MAP).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    /** The events about one incident on one chain, in chain order. */
    private List<Map<String, Object>> events(UUID chain, UUID incidentId) {
        return db.sql("""
                        SELECT action, actor_type, actor_id, target_type, outcome, details::text AS details, content
                        FROM audit_event WHERE chain = :chain AND target_id = :incident ORDER BY seq
                        """)
                .bind("chain", chain).bind("incident", incidentId)
                .fetch().all().collectList().block();
    }

    private long count(String sql, UUID id) {
        return db.sql(sql).bind("i", id).map((row, meta) -> row.get(0, Long.class)).one().block();
    }
}
