package jp.btob.platform.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.support.Concurrently;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.PartnerSteps.accept;
import static jp.btob.platform.support.PartnerSteps.invite;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Approval routes and requests: steps decided by any or all, thresholds, the inbox, the invoice guard, who may do what. */
class WorkflowTests extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private static final String ROUTES = "/api/v1/workflow/routes";

    private static final String REQUESTS = "/api/v1/workflow/requests";

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SVC-WF][OPS-AUDIT] an any step completes with one approval, an all step waits for every user and one holder of each role; a second decision is 409, a user the step does not name 403; every step audited")
    void requestWhenAnyThenAllStepThenApproved() {
        TestCompany company = fixtures.company("ワークフロー一巡株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String first = fixtures.user(company.id(), "STAFF");
        String second = fixtures.user(company.id(), "STAFF");
        String manager = fixtures.user(company.id(), "STAFF");
        String accountant = fixtures.user(company.id(), "STAFF");
        String role = created(admin.post().uri("/api/v1/admin/roles").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "経理承認", "permissions", List.of("workflow:approve")))).get("id").toString();
        fixtures.grantRole(accountant, UUID.fromString(role));
        route(admin, "free-form", 0, null, List.of(step("any", List.of(userId(first), userId(second)), List.of()),
                step("all", List.of(userId(manager)), List.of(role))));

        WebTestClient applicant = client(login(company.staffLoginId()));
        Map<String, Object> request = freeForm(applicant, "出張費", 30_000);
        assertThat(request).containsEntry("status", "IN_PROGRESS").containsEntry("currentStep", 1)
                .containsEntry("version", 1).containsEntry("applicantId", userId(company.staffLoginId()));

        request = done(client(login(first)), request, "approve");
        assertThat(request).containsEntry("currentStep", 2).containsEntry("status", "IN_PROGRESS");
        assertProblem(act(client(login(second)), request, "approve").expectStatus().isForbidden().expectBody(),
                "/problems/forbidden", 403);
        WebTestClient asManager = client(login(manager));
        request = done(asManager, request, "approve");
        assertThat(request).as("the role is not satisfied yet").containsEntry("currentStep", 2);
        assertProblem(act(asManager, request, "approve").expectStatus().isEqualTo(409).expectBody(), "/problems/conflict",
                409);
        request = done(client(login(accountant)), request, "approve");
        assertThat(request).containsEntry("status", "APPROVED").doesNotContainKey("currentStep")
                .containsEntry("version", 4);
        assertThat((List<?>) request.get("decisions")).hasSize(3);
        assertThat(sql.rows("SELECT action FROM audit_event WHERE company_id = ? AND action LIKE 'workflow.%'"
                + " ORDER BY seq", company.id())).extracting(row -> row.get("action"))
                .containsExactly("workflow.route-create", "workflow.request", "workflow.approve", "workflow.approve",
                        "workflow.approve");
    }

    @Test
    @DisplayName("[SVC-WF] the amount chooses the route: 99,999 yen the one up to 99,999, 100,000 the one from 100,000; an overlapping range is 422, an amount no route covers 422")
    void requestWhenAmountEachSideOfThresholdThenItsRoute() {
        TestCompany company = fixtures.company("閾値株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String approver = fixtures.user(company.id(), "STAFF");
        List<Map<String, Object>> steps = List.of(step("any", List.of(userId(approver)), List.of()));
        String small = route(admin, "free-form", 0, 99_999L, steps);
        String large = route(admin, "free-form", 100_000, 999_999L, steps);
        assertProblem(admin.post().uri(ROUTES).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(routeBody("free-form", 500_000, null, steps)).exchange().expectStatus().isEqualTo(422)
                .expectBody(), "/problems/unprocessable", 422);

        WebTestClient applicant = client(login(company.staffLoginId()));
        assertThat(freeForm(applicant, "備品", 99_999)).containsEntry("routeId", small);
        assertThat(freeForm(applicant, "什器", 100_000)).containsEntry("routeId", large);
        assertProblem(applicant.post().uri(REQUESTS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "free-form", "title", "設備", "amount", 1_000_000)).exchange()
                .expectStatus().isEqualTo(422).expectBody(), "/problems/unprocessable", 422);
    }

    @Test
    @DisplayName("[SVC-WF][PLT-IDEM][SEC-RBAC] a request filed again with its Idempotency-Key answers the first; a route naming another company's user or a step without approvers is 422; staff cannot define routes (403)")
    void requestWhenRetriedThenFirstAnswer() {
        TestCompany company = fixtures.company("再送株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String approver = fixtures.user(company.id(), "STAFF");
        String stranger = fixtures.user(fixtures.company("余所株式会社").id(), "STAFF");
        List<Map<String, Object>> steps = List.of(step("any", List.of(userId(approver)), List.of()));
        for (List<Map<String, Object>> wrong : List.of(List.of(step("any", List.of(userId(stranger)), List.of())),
                List.of(step("all", List.of(), List.of())))) {
            assertProblem(admin.post().uri(ROUTES).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(routeBody("free-form", 0, null, wrong)).exchange().expectStatus().isEqualTo(422)
                    .expectBody(), "/problems/unprocessable", 422);
        }
        WebTestClient staff = client(login(company.staffLoginId()));
        assertProblem(staff.post().uri(ROUTES).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(routeBody("free-form", 0, null, steps)).exchange().expectStatus().isForbidden()
                .expectBody(), "/problems/permission-denied", 403);
        route(admin, "free-form", 0, null, steps);

        Map<String, Object> body = Map.of("subject", "free-form", "title", "再送", "amount", 5);
        Map<String, Object> first = created(staff.post().uri(REQUESTS).header("Idempotency-Key", "wf-retry-1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body));
        Map<String, Object> again = created(staff.post().uri(REQUESTS).header("Idempotency-Key", "wf-retry-1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body));
        assertThat(again).isEqualTo(first);
        assertThat(sql.count("SELECT count(*) FROM workflow_request WHERE company_id = ?", company.id())).isOne();
    }

    @Test
    @DisplayName("[SVC-WF][OPS-AUDIT] sent back to a previous step, its approvers decide anew; sent back to the applicant, only the applicant resubmits (403 for others, 409 for decisions meanwhile) and the route starts again; a step not before the current one is 422")
    void requestWhenSentBackThenDecidedAnew() {
        TestCompany company = fixtures.company("差戻し株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String first = fixtures.user(company.id(), "STAFF");
        String second = fixtures.user(company.id(), "STAFF");
        route(admin, "free-form", 0, null, List.of(step("any", List.of(userId(first)), List.of()),
                step("any", List.of(userId(second)), List.of())));
        WebTestClient applicant = client(login(company.staffLoginId()));
        WebTestClient asFirst = client(login(first));
        WebTestClient asSecond = client(login(second));
        Map<String, Object> request = done(asFirst, freeForm(applicant, "研修費", 50_000), "approve");

        assertProblem(sendBack(asSecond, request, Map.of("reason", "先へ", "toStep", 2)).expectStatus().isEqualTo(422)
                .expectBody(), "/problems/unprocessable", 422);
        request = done(sendBack(asSecond, request, Map.of("reason", "見積を添付", "toStep", 1)));
        assertThat(request).containsEntry("status", "IN_PROGRESS").containsEntry("currentStep", 1);
        assertThat(inbox(asFirst)).containsExactly(request.get("id"));
        request = done(asFirst, request, "approve");
        request = done(sendBack(asSecond, request, Map.of("reason", "金額を再確認")));
        assertThat(request).containsEntry("status", "SENT_BACK").doesNotContainKey("currentStep");
        assertThat(inbox(asFirst)).isEmpty();
        assertProblem(act(asSecond, request, "approve").expectStatus().isEqualTo(409).expectBody(),
                "/problems/invalid-transition", 409);
        assertProblem(act(asFirst, request, "resubmit").expectStatus().isForbidden().expectBody(),
                "/problems/forbidden", 403);

        request = done(applicant, request, "resubmit");
        assertThat(request).containsEntry("status", "IN_PROGRESS").containsEntry("currentStep", 1);
        request = done(asSecond, done(asFirst, request, "approve"), "approve");
        assertThat(request).containsEntry("status", "APPROVED");
        assertThat((List<?>) request.get("decisions")).extracting(decision -> List.of(((Map<?, ?>) decision).get("round"),
                ((Map<?, ?>) decision).get("step"), ((Map<?, ?>) decision).get("decision"))).containsExactly(
                List.of(1, 1, "APPROVED"), List.of(1, 2, "SENT_BACK"), List.of(2, 1, "APPROVED"),
                List.of(2, 2, "SENT_BACK"), List.of(3, 1, "APPROVED"), List.of(3, 2, "APPROVED"));
        assertThat(sql.rows("SELECT action FROM audit_event WHERE company_id = ? AND action IN"
                + " ('workflow.send-back', 'workflow.resubmit') ORDER BY seq", company.id()))
                .extracting(row -> row.get("action"))
                .containsExactly("workflow.send-back", "workflow.send-back", "workflow.resubmit");
    }

    @Test
    @DisplayName("[SVC-WF] a rejection ends the request with its reason, a withdrawal by the applicant too; nobody else withdraws (403), nothing moves an ended request (409), the applicant never decides their own (403)")
    void requestWhenRejectedOrWithdrawnThenEnded() {
        TestCompany company = fixtures.company("却下株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String approver = fixtures.user(company.id(), "STAFF");
        route(admin, "free-form", 0, null, List.of(step("any", List.of(userId(approver),
                userId(company.staffLoginId())), List.of())));
        WebTestClient applicant = client(login(company.staffLoginId()));
        WebTestClient asApprover = client(login(approver));

        Map<String, Object> rejected = freeForm(applicant, "接待費", 80_000);
        assertProblem(act(applicant, rejected, "approve").expectStatus().isForbidden().expectBody(),
                "/problems/forbidden", 403);
        rejected = done(asApprover.post().uri(REQUESTS + "/{id}/reject", rejected.get("id"))
                .header("If-Match", "\"" + rejected.get("version") + "\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "予算外")).exchange());
        assertThat(rejected).containsEntry("status", "REJECTED");
        Map<?, ?> decision = (Map<?, ?>) ((List<?>) rejected.get("decisions")).get(0);
        assertThat(List.of(decision.get("decision"), decision.get("reason"))).containsExactly("REJECTED", "予算外");
        assertProblem(act(applicant, rejected, "withdraw").expectStatus().isEqualTo(409).expectBody(),
                "/problems/invalid-transition", 409);

        Map<String, Object> withdrawn = freeForm(applicant, "交通費", 1_000);
        assertProblem(act(asApprover, withdrawn, "withdraw").expectStatus().isForbidden().expectBody(),
                "/problems/forbidden", 403);
        withdrawn = done(applicant, withdrawn, "withdraw");
        assertThat(withdrawn).containsEntry("status", "WITHDRAWN");
        assertProblem(act(asApprover, withdrawn, "approve").expectStatus().isEqualTo(409).expectBody(),
                "/problems/invalid-transition", 409);
    }

    @Test
    @DisplayName("[SVC-WF] the inbox lists what waits for the caller, named or by role, not their own requests nor what they decided; another approver's inbox is theirs")
    void inboxWhenWaitingThenListed() {
        TestCompany company = fixtures.company("受信箱株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String named = fixtures.user(company.id(), "STAFF");
        String byRole = fixtures.user(company.id(), "VIEWER");
        fixtures.grantRole(byRole, BuiltInRole.STAFF.id());
        route(admin, "free-form", 0, null, List.of(step("all", List.of(userId(named)),
                List.of(BuiltInRole.STAFF.id().toString()))));
        WebTestClient applicant = client(login(company.staffLoginId()));
        Map<String, Object> one = freeForm(applicant, "一件目", 1);
        Map<String, Object> two = freeForm(applicant, "二件目", 2);

        assertThat(inbox(client(login(named)))).containsExactly(one.get("id"), two.get("id"));
        WebTestClient asRole = client(login(byRole));
        assertThat(inbox(asRole)).containsExactly(one.get("id"), two.get("id"));
        assertThat(inbox(applicant)).as("the applicant's own requests").isEmpty();
        done(asRole, one, "approve");
        assertThat(inbox(asRole)).containsExactly(two.get("id"));
        assertThat(inbox(client(login(named)))).containsExactly(one.get("id"), two.get("id"));
        assertThat(inbox(client(login(fixtures.company("他社受信箱株式会社").adminLoginId())))).isEmpty();
    }

    @Test
    @DisplayName("[SVC-WF][PLT-CONC] the buyer's invoice approval answers 409 approval-required while its route applies, and succeeds once the request is approved; a second request for the invoice is 409")
    void invoiceApproveWhenRouteAppliesThenNeedsApprovedRequest() {
        TestCompany seller = fixtures.company("請求元株式会社");
        TestCompany buyer = fixtures.company("承認先株式会社");
        WebTestClient asSeller = client(login(seller.adminLoginId()));
        WebTestClient buyerAdmin = client(login(buyer.adminLoginId()));
        accept(buyerAdmin, buyer.id(), invite(asSeller, seller.id(), buyer.code(), null));
        Map<String, Object> invoice = issuedInvoice(asSeller, buyer.id());
        String approver = fixtures.user(buyer.id(), "STAFF");
        route(buyerAdmin, "invoice-approval", 0, null, List.of(step("any", List.of(userId(approver)), List.of())));

        WebTestClient buyerStaff = client(login(buyer.staffLoginId()));
        assertProblem(approveInvoice(buyerStaff, invoice).expectStatus().isEqualTo(409).expectBody(),
                "/problems/approval-required", 409);
        assertProblem(buyerStaff.post().uri(REQUESTS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "invoice-approval", "documentId", UUID.randomUUID().toString())).exchange()
                .expectStatus().isEqualTo(422).expectBody(), "/problems/unprocessable", 422);
        assertProblem(asSeller.post().uri(REQUESTS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "invoice-approval", "documentId", invoice.get("id"))).exchange()
                .expectStatus().isEqualTo(422).expectBody(), "/problems/unprocessable", 422);
        Map<String, Object> request = created(buyerStaff.post().uri(REQUESTS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "invoice-approval", "documentId", invoice.get("id"))));
        assertThat(request).containsEntry("amount", ((Map<?, ?>) invoice.get("totals")).get("total")).containsEntry("documentId", invoice.get("id"));
        assertProblem(buyerStaff.post().uri(REQUESTS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "invoice-approval", "documentId", invoice.get("id"))).exchange()
                .expectStatus().isEqualTo(409).expectBody(), "/problems/conflict", 409);
        assertProblem(approveInvoice(buyerStaff, invoice).expectStatus().isEqualTo(409).expectBody(),
                "/problems/approval-required", 409);

        done(client(login(approver)), request, "approve");
        assertThat(approveInvoice(buyerStaff, invoice).expectStatus().isOk().expectBody(JSON_OBJECT).returnResult()
                .getResponseBody()).containsEntry("status", "APPROVED");
    }

    @Test
    @DisplayName("[PLT-TENANT][PLT-CONC] another company's route and request answer 404 to read and to act on; an action needs If-Match (428) at the current version (412)")
    void requestWhenOtherTenantOrStaleThenRefused() {
        TestCompany company = fixtures.company("版管理株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String approver = fixtures.user(company.id(), "STAFF");
        String route = route(admin, "free-form", 0, null, List.of(step("any", List.of(userId(approver)), List.of())));
        Map<String, Object> request = freeForm(client(login(company.staffLoginId())), "備品", 100);
        WebTestClient asApprover = client(login(approver));

        WebTestClient other = client(login(fixtures.company("他社株式会社").adminLoginId()));
        assertProblem(other.get().uri(ROUTES + "/{id}", route).exchange().expectStatus().isNotFound().expectBody(),
                "/problems/not-found", 404);
        assertProblem(other.get().uri(REQUESTS + "/{id}", request.get("id")).exchange().expectStatus().isNotFound()
                .expectBody(), "/problems/not-found", 404);
        assertProblem(act(other, request, "approve").expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);

        assertProblem(asApprover.post().uri(REQUESTS + "/{id}/approve", request.get("id")).exchange()
                .expectStatus().isEqualTo(428).expectBody(), "/problems/precondition-required", 428);
        assertProblem(asApprover.post().uri(REQUESTS + "/{id}/approve", request.get("id")).header("If-Match", "\"7\"")
                .exchange().expectStatus().isEqualTo(412).expectBody(), "/problems/precondition-failed", 412);
        assertThat(get(admin, request.get("id"))).isEqualTo(request);
    }

    @Test
    @DisplayName("[SVC-WF][PLT-CONC] five approvers of an any step approving at once on one version: one approval completes the step, the others answer 412 and leave no decision")
    void anyStepWhenApprovedConcurrentlyThenOneDecision() throws Exception {
        TestCompany company = fixtures.company("同時承認株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        List<String> approvers = List.of(fixtures.user(company.id(), "STAFF"), fixtures.user(company.id(), "STAFF"),
                fixtures.user(company.id(), "STAFF"), fixtures.user(company.id(), "STAFF"),
                fixtures.user(company.id(), "STAFF"));
        route(admin, "free-form", 0, null, List.of(step("any", approvers.stream().map(this::userId).toList(),
                List.of())));
        Map<String, Object> request = freeForm(client(login(company.staffLoginId())), "同時", 10);
        List<WebTestClient> clients = approvers.stream().map(id -> client(login(id))).toList();

        List<Integer> statuses = Concurrently.all(approvers.size(), i -> act(clients.get(i), request, "approve")
                .returnResult(String.class).getStatus().value());

        assertThat(statuses).containsOnly(200, 412).filteredOn(status -> status == 200).hasSize(1);
        Map<String, Object> after = get(admin, request.get("id"));
        assertThat(after).containsEntry("status", "APPROVED").containsEntry("version", 2);
        assertThat((List<?>) after.get("decisions")).hasSize(1);
    }

    private Map<String, Object> issuedInvoice(WebTestClient seller, UUID buyerId) {
        seller.put().uri("/api/v1/company/invoicing").header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("registrationNumber", "T7000012050002", "issuerKind", "corporation",
                        "taxRounding", "floor", "paymentTermsDays", 30))
                .exchange().expectStatus().isOk();
        return created(seller.post().uri("/api/v1/invoices").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("buyerId", buyerId.toString(), "lines", List.of(Map.of("description", "部品",
                        "quantity", "2", "unitPrice", "100", "taxCategory", "standard-10")))));
    }

    private static WebTestClient.ResponseSpec approveInvoice(WebTestClient client, Map<String, Object> invoice) {
        return client.post().uri("/api/v1/invoices/{id}/approve", invoice.get("id"))
                .header("If-Match", "\"" + invoice.get("version") + "\"").exchange();
    }

    private String userId(String loginId) {
        return String.valueOf(sql.rows("SELECT id FROM app_user WHERE login_id = ?", loginId).get(0).get("id"));
    }

    private static Map<String, Object> step(String mode, List<String> users, List<String> roles) {
        return Map.of("mode", mode, "userIds", users, "roleIds", roles);
    }

    private static Map<String, Object> routeBody(String subject, long min, Long max, List<Map<String, Object>> steps) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", subject + " " + min, "subject", subject,
                "minAmount", min, "steps", steps));
        if (max != null) {
            body.put("maxAmount", max);
        }
        return body;
    }

    private static String route(WebTestClient admin, String subject, long min, Long max, List<Map<String, Object>> steps) {
        return created(admin.post().uri(ROUTES).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(routeBody(subject, min, max, steps))).get("id").toString();
    }

    private static Map<String, Object> freeForm(WebTestClient applicant, String title, long amount) {
        return created(applicant.post().uri(REQUESTS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "free-form", "title", title, "amount", amount, "body", "理由")));
    }

    private static WebTestClient.ResponseSpec act(WebTestClient client, Map<String, Object> request, String action) {
        return client.post().uri(REQUESTS + "/{id}/" + action, request.get("id"))
                .header("If-Match", "\"" + request.get("version") + "\"").exchange();
    }

    private static WebTestClient.ResponseSpec sendBack(WebTestClient client, Map<String, Object> request,
                                                       Map<String, Object> body) {
        return client.post().uri(REQUESTS + "/{id}/send-back", request.get("id"))
                .header("If-Match", "\"" + request.get("version") + "\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private static Map<String, Object> done(WebTestClient client, Map<String, Object> request, String action) {
        return done(act(client, request, action));
    }

    private static Map<String, Object> done(WebTestClient.ResponseSpec answer) {
        return answer.expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private static Map<String, Object> get(WebTestClient client, Object id) {
        return client.get().uri(REQUESTS + "/{id}", id).exchange().expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody();
    }

    private static List<Object> inbox(WebTestClient client) {
        Map<String, Object> page = client.get().uri("/api/v1/workflow/inbox").exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        return ((List<?>) page.get("items")).stream().<Object>map(item -> ((Map<?, ?>) item).get("id")).toList();
    }

    private static Map<String, Object> created(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }
}
