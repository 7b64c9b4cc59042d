package jp.btob.platform.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.btob.platform.support.Concurrently;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static jp.btob.platform.workflow.WorkflowSteps.REQUESTS;
import static jp.btob.platform.workflow.WorkflowSteps.ROUTES;
import static jp.btob.platform.workflow.WorkflowSteps.anyOf;
import static jp.btob.platform.workflow.WorkflowSteps.approved;
import static jp.btob.platform.workflow.WorkflowSteps.decide;
import static jp.btob.platform.workflow.WorkflowSteps.defined;
import static jp.btob.platform.workflow.WorkflowSteps.filed;
import static jp.btob.platform.workflow.WorkflowSteps.get;
import static jp.btob.platform.workflow.WorkflowSteps.ids;
import static jp.btob.platform.workflow.WorkflowSteps.ok;
import static jp.btob.platform.workflow.WorkflowSteps.route;
import static jp.btob.platform.workflow.WorkflowSteps.unprocessable;
import static org.assertj.core.api.Assertions.assertThat;

/** Routes changed in versions, retired and listed; the applicant's own requests. */
class WorkflowRouteManagementTests extends IntegrationTest {

    private final Sql sql = new Sql(DATABASE);

    private final WorkflowSteps steps = new WorkflowSteps(sql);

    @Test
    @DisplayName("[SVC-WF][PLT-CONC][OPS-AUDIT] a route changed with If-Match becomes its next version: a request filed before keeps the old steps to its end, one filed after follows the new; no If-Match 428, a stale one 412, another subject 422; audited")
    void updateWhenRequestInProgressThenItKeepsItsSteps() {
        TestCompany company = fixtures.company("経路改版株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String before = steps.userId(fixtures.user(company.id(), "STAFF"));
        String afterLogin = fixtures.user(company.id(), "STAFF");
        String after = steps.userId(afterLogin);
        Map<String, Object> route = defined(admin, "free-form", 0, null, List.of(anyOf(List.of(before))));
        assertThat(route).containsEntry("version", 1);
        WebTestClient applicant = client(login(company.staffLoginId()));
        Map<String, Object> old = filed(applicant, "改版前", 1_000);
        String uri = ROUTES + "/" + route.get("id");

        Map<String, Object> changed = route("free-form", 0, null, List.of(anyOf(List.of(after))));
        assertProblem(admin.put().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(changed).exchange()
                .expectStatus().isEqualTo(428).expectBody(), "/problems/precondition-required", 428);
        Map<String, Object> otherSubject = route("invoice-approval", 0, null, List.of(anyOf(List.of(after))));
        unprocessable(put(admin, uri, 1, otherSubject), "subject");
        Map<String, Object> v2 = ok(put(admin, uri, 1, changed).expectStatus().isOk().expectHeader().valueEquals("ETag",
                "\"2\""));
        assertThat(v2).containsEntry("version", 2).containsEntry("id", route.get("id"));
        assertProblem(put(admin, uri, 1, changed).expectStatus().isEqualTo(412).expectBody(),
                "/problems/precondition-failed", 412);

        Map<String, Object> oldNow = get(admin, REQUESTS + "/" + old.get("id"));
        assertThat(oldNow).containsEntry("routeVersion", 1).containsEntry("steps", old.get("steps"));
        Map<String, Object> fresh = filed(applicant, "改版後", 1_000);
        assertThat(fresh).containsEntry("routeVersion", 2).containsEntry("routeId", route.get("id"));
        assertProblem(decide(client(login(afterLogin)), old, "approve", null).expectStatus().isForbidden()
                .expectBody(), "/problems/forbidden", 403);
        assertThat(approved(client(login(afterLogin)), fresh, null)).containsEntry("status", "APPROVED");
        assertThat(sql.rows("SELECT action, details->>'version' AS version FROM audit_event WHERE company_id = ?"
                + " AND action LIKE 'workflow.route-%' ORDER BY seq", company.id()))
                .extracting(row -> row.get("action") + " " + row.get("version"))
                .containsExactly("workflow.route-create 1", "workflow.route-update 2");
    }

    @Test
    @DisplayName("[SVC-WF] a change keeps the ranges of one subject's routes apart (422 minAmount), its own old range aside; approvers of another company are 422 on change too")
    void updateWhenRangeOverlapsAnotherThenUnprocessable() {
        TestCompany company = fixtures.company("改版閾値株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String approver = steps.userId(fixtures.user(company.id(), "STAFF"));
        List<Map<String, Object>> one = List.of(anyOf(List.of(approver)));
        Map<String, Object> small = defined(admin, "free-form", 0, 99_999L, one);
        defined(admin, "free-form", 100_000, null, one);
        String uri = ROUTES + "/" + small.get("id");

        unprocessable(put(admin, uri, 1, route("free-form", 0, 150_000L, one)), "minAmount");
        String stranger = steps.userId(fixtures.user(fixtures.company("改版余所株式会社").id(), "STAFF"));
        unprocessable(put(admin, uri, 1, route("free-form", 0, 99_999L, List.of(anyOf(List.of(stranger))))),
                "steps");
        assertThat(get(admin, uri)).isEqualTo(small);
        assertThat(ok(put(admin, uri, 1, route("free-form", 10, 50_000L, one)).expectStatus().isOk()))
                .containsEntry("minAmount", 10).containsEntry("maxAmount", 50_000);
    }

    @Test
    @DisplayName("[SVC-WF][OPS-AUDIT] a retired route takes no new request (422) while the one in progress goes on to approval; it changes no more (409); its range is free for a new route; the list leaves it out unless asked, and filters by subject")
    void retireWhenRequestInProgressThenItContinues() {
        TestCompany company = fixtures.company("経路廃止株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String approverLogin = fixtures.user(company.id(), "STAFF");
        List<Map<String, Object>> one = List.of(anyOf(List.of(steps.userId(approverLogin))));
        Map<String, Object> route = defined(admin, "free-form", 0, null, one);
        Map<String, Object> invoices = defined(admin, "invoice-approval", 0, null, one);
        WebTestClient applicant = client(login(company.staffLoginId()));
        Map<String, Object> running = filed(applicant, "廃止前", 500);
        String uri = ROUTES + "/" + route.get("id");

        assertProblem(admin.post().uri(uri + "/retire").exchange().expectStatus().isEqualTo(428).expectBody(),
                "/problems/precondition-required", 428);
        Map<String, Object> retired = ok(admin.post().uri(uri + "/retire").header("If-Match", "\"1\"").exchange()
                .expectStatus().isOk());
        assertThat(retired).containsEntry("version", 2).containsKey("retiredAt");
        unprocessable(applicant.post().uri(REQUESTS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "free-form", "title", "廃止後", "amount", 500)).exchange(), "amount");
        assertThat(approved(client(login(approverLogin)), running, null)).containsEntry("status", "APPROVED");
        assertProblem(admin.post().uri(uri + "/retire").header("If-Match", "\"2\"").exchange().expectStatus()
                .isEqualTo(409).expectBody(), "/problems/invalid-transition", 409);
        assertProblem(put(admin, uri, 2, route("free-form", 0, null, one)).expectStatus().isEqualTo(409).expectBody(),
                "/problems/invalid-transition", 409);

        Map<String, Object> successor = defined(admin, "free-form", 0, null, one);
        assertThat(filed(applicant, "後継", 500)).containsEntry("routeId", successor.get("id"));
        assertThat(ids(get(admin, ROUTES))).containsExactly(invoices.get("id"), successor.get("id"));
        assertThat(ids(get(admin, ROUTES + "?includeRetired=true"))).containsExactly(route.get("id"),
                invoices.get("id"), successor.get("id"));
        assertThat(ids(get(admin, ROUTES + "?subject=free-form&includeRetired=true"))).containsExactly(route.get("id"),
                successor.get("id"));
        assertThat(ids(get(admin, ROUTES + "?limit=1"))).containsExactly(invoices.get("id"));
        assertThat(ids(get(client(login(fixtures.company("一覧余所株式会社").adminLoginId())), ROUTES))).isEmpty();
        assertThat(sql.rows("SELECT action FROM audit_event WHERE company_id = ? AND action = 'workflow.route-retire'",
                company.id())).hasSize(1);
    }

    @Test
    @DisplayName("[SVC-WF][SEC-RBAC][PLT-TENANT][PLT-CONC] staff cannot list, change or retire routes (403); another company's route is 404 to change and to retire; of two changes sent at once on one version one wins and the other is 412")
    void updateWhenWrongCallerOrRaceThenRefused() throws Exception {
        TestCompany company = fixtures.company("経路権限株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String approver = steps.userId(fixtures.user(company.id(), "STAFF"));
        List<Map<String, Object>> one = List.of(anyOf(List.of(approver)));
        Map<String, Object> route = defined(admin, "free-form", 0, null, one);
        String uri = ROUTES + "/" + route.get("id");
        WebTestClient staff = client(login(company.staffLoginId()));
        assertProblem(staff.get().uri(ROUTES).exchange().expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
        assertProblem(put(staff, uri, 1, route("free-form", 0, null, one)).expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
        assertProblem(staff.post().uri(uri + "/retire").header("If-Match", "\"1\"").exchange().expectStatus()
                .isForbidden().expectBody(), "/problems/permission-denied", 403);
        WebTestClient other = client(login(fixtures.company("経路他社株式会社").adminLoginId()));
        assertProblem(put(other, uri, 1, route("free-form", 0, null, one)).expectStatus().isNotFound().expectBody(),
                "/problems/not-found", 404);
        assertProblem(other.post().uri(uri + "/retire").header("If-Match", "\"1\"").exchange().expectStatus()
                .isNotFound().expectBody(), "/problems/not-found", 404);
        assertThat(get(admin, uri)).isEqualTo(route);

        List<Integer> statuses = Concurrently.all(2, i -> put(admin, uri, 1, route("free-form", i * 10L, null, one))
                .returnResult(String.class).getStatus().value());
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        assertThat(get(admin, uri)).containsEntry("version", 2);
        assertThat(sql.count("SELECT count(DISTINCT version) FROM workflow_step WHERE route_id = ?::uuid",
                route.get("id"))).isEqualTo(2);
    }

    @Test
    @DisplayName("[SVC-WF][PLT-TENANT] my requests: only those the caller filed, newest first, by status and subject, paged by cursor up to 200 (201 is 400); nobody else's, another company's neither")
    void listMineWhenFilteredThenOwnOnly() {
        TestCompany company = fixtures.company("自分の申請株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String approver = steps.userId(fixtures.user(company.id(), "STAFF"));
        defined(admin, "free-form", 0, null, List.of(anyOf(List.of(approver))));
        WebTestClient applicant = client(login(company.staffLoginId()));
        Map<String, Object> first = filed(applicant, "一", 1);
        Map<String, Object> second = filed(applicant, "二", 2);
        Map<String, Object> third = filed(applicant, "三", 3);
        ok(applicant.post().uri(REQUESTS + "/" + second.get("id") + "/withdraw").header("If-Match", "\"1\"")
                .exchange().expectStatus().isOk());
        WebTestClient colleague = client(login(fixtures.user(company.id(), "STAFF")));
        filed(colleague, "同僚", 4);

        assertThat(ids(get(applicant, REQUESTS))).containsExactly(third.get("id"), second.get("id"), first.get("id"));
        assertThat(ids(get(applicant, REQUESTS + "?status=IN_PROGRESS"))).containsExactly(third.get("id"),
                first.get("id"));
        assertThat(ids(get(applicant, REQUESTS + "?status=WITHDRAWN&subject=free-form")))
                .containsExactly(second.get("id"));
        assertThat(ids(get(applicant, REQUESTS + "?subject=invoice-approval"))).isEmpty();
        Map<String, Object> page = get(applicant, REQUESTS + "?limit=2");
        assertThat(ids(page)).containsExactly(third.get("id"), second.get("id"));
        String cursor = String.valueOf(((Map<?, ?>) page.get("page")).get("nextCursor"));
        Map<String, Object> next = get(applicant, REQUESTS + "?limit=2&cursor=" + cursor);
        assertThat(ids(next)).containsExactly(first.get("id"));
        assertThat(((Map<?, ?>) next.get("page")).get("nextCursor")).isNull();
        assertThat(ids(get(applicant, REQUESTS + "?limit=200"))).hasSize(3);
        assertProblem(applicant.get().uri(REQUESTS + "?limit=201").exchange().expectStatus().isBadRequest()
                .expectBody(), "/problems/validation", 400);
        WebTestClient.BodyContentSpec unknown = applicant.get().uri(REQUESTS + "?subject=expense").exchange()
                .expectStatus().isBadRequest().expectBody();
        assertProblem(unknown, "/problems/validation", 400);
        unknown.jsonPath("$.errors[0].field").isEqualTo("subject");
        assertThat(ids(get(colleague, REQUESTS))).hasSize(1);
        assertThat(ids(get(client(login(fixtures.company("申請余所株式会社").adminLoginId())), REQUESTS))).isEmpty();
    }

    private static WebTestClient.ResponseSpec put(WebTestClient client, String uri, int version,
                                                  Map<String, Object> body) {
        return client.put().uri(uri).header("If-Match", "\"" + version + "\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new LinkedHashMap<>(body)).exchange();
    }
}
