package jp.btob.platform.order;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Concurrently;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static jp.btob.platform.support.WorkflowSteps.REQUESTS;
import static jp.btob.platform.support.WorkflowSteps.decide;
import static jp.btob.platform.support.WorkflowSteps.decided;
import static jp.btob.platform.support.WorkflowSteps.filed;
import static jp.btob.platform.support.WorkflowSteps.filing;
import static jp.btob.platform.support.WorkflowSteps.read;
import static jp.btob.platform.support.WorkflowSteps.rejected;
import static jp.btob.platform.support.WorkflowSteps.route;
import static jp.btob.platform.support.WorkflowSteps.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders the buyer's order-placement route covers: refused when placed directly, filed as a
 * request carrying the order, and placed by the request's final approval only.
 */
class OrderApprovalTests extends OrderTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SVC-WF][SVC-ORD] placing an order the route covers answers 409 approval-required; the request carries it, the seller sees nothing while it is under approval, and the final approval places it by the applicant, the request naming the order")
    void placeWhenRouteCoversTotalThenPlacedOnApproval() {
        Trade trade = trade("発注承認");
        String approver = approver(trade, 0);
        Map<String, Object> order = orderFor(trade.seller().id(), lines());
        assertProblem(placing(trade.asBuyer(), order).expectStatus().isEqualTo(409).expectBody(),
                "/problems/approval-required", 409);

        String applicantLogin = trade.buyer().staffLoginId();
        WebTestClient applicant = client(login(applicantLogin));
        Map<String, Object> request = filed(applicant, Map.of("subject", "order-placement", "order", order,
                "body", "定期発注です。"));
        assertThat(request).containsEntry("order", order).containsEntry("status", "IN_PROGRESS")
                .doesNotContainKey("documentId").doesNotContainKey("quoteId");
        assertThat(sql.count("SELECT count(*) FROM purchase_order WHERE buyer_id = ?", trade.buyer().id())).isZero();
        assertThat(listed(trade.asSeller(), "/api/v1/orders", "role=received")).isEmpty();
        assertThat(listed(trade.asSeller(), "/api/v1/documents", "documentType=order")).isEmpty();
        assertProblem(trade.asSeller().get().uri(REQUESTS + "/{id}", request.get("id")).exchange()
                .expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);

        Map<String, Object> approved = decided(client(login(approver)), request, "approve");
        assertThat(approved).containsEntry("status", "APPROVED").containsKey("documentId");
        Map<String, Object> placed = getOrder(trade.asSeller(), approved.get("documentId"));
        assertThat(placed).containsEntry("status", "PLACED").containsEntry("title", order.get("title"));
        assertThat(((Map<?, ?>) placed.get("totals")).get("total")).isEqualTo(request.get("amount"));
        UUID orderId = UUID.fromString((String) approved.get("documentId"));
        assertThat(sql.rows("SELECT created_by FROM purchase_order WHERE id = ?", orderId).get(0).get("created_by"))
                .hasToString(userId(sql, applicantLogin));
        assertThat(sql.rows("SELECT actor_id FROM audit_event WHERE company_id = ? AND action = 'order.place'",
                trade.seller().id())).extracting(row -> String.valueOf(row.get("actor_id")))
                .containsExactly(userId(sql, applicantLogin));
        assertThat(listed(trade.asSeller(), "/api/v1/orders", "role=received")).containsExactly(orderId.toString());
    }

    @Test
    @DisplayName("[SVC-WF][PLT-CONC] five approvers of the final any step approving at once: one approval places the order, the others answer 412; exactly one order exists")
    void approveWhenFinalStepRacedThenPlacedOnce() throws Exception {
        Trade trade = trade("発注同時承認");
        List<String> approvers = List.of(fixtures.user(trade.buyer().id(), "STAFF"),
                fixtures.user(trade.buyer().id(), "STAFF"), fixtures.user(trade.buyer().id(), "STAFF"),
                fixtures.user(trade.buyer().id(), "STAFF"), fixtures.user(trade.buyer().id(), "STAFF"));
        route(trade.asBuyer(), "order-placement", 0, approvers.stream().map(login -> userId(sql, login)).toList());
        Map<String, Object> request = filed(trade.asBuyer(), Map.of("subject", "order-placement",
                "order", orderFor(trade.seller().id(), lines())));
        List<WebTestClient> clients = approvers.stream().map(login -> client(login(login))).toList();

        List<Integer> statuses = Concurrently.all(approvers.size(), i -> decide(clients.get(i), request, "approve")
                .returnResult(String.class).getStatus().value());

        assertThat(statuses).containsOnly(200, 412).filteredOn(status -> status == 200).hasSize(1);
        assertThat(sql.count("SELECT count(*) FROM purchase_order WHERE buyer_id = ?", trade.buyer().id())).isOne();
        Map<String, Object> after = read(trade.asBuyer(), request.get("id"));
        assertThat(after).containsEntry("status", "APPROVED");
        assertThat(sql.count("SELECT count(*) FROM purchase_order WHERE id = ?",
                UUID.fromString((String) after.get("documentId")))).isOne();
    }

    @Test
    @DisplayName("[SVC-WF] a rejected or withdrawn order-placement request never places anything")
    void requestWhenRejectedOrWithdrawnThenNothingPlaced() {
        Trade trade = trade("発注却下");
        String approver = approver(trade, 0);
        Map<String, Object> body = Map.of("subject", "order-placement", "order",
                orderFor(trade.seller().id(), lines()));

        assertThat(rejected(client(login(approver)), filed(trade.asBuyer(), body), "予算外"))
                .containsEntry("status", "REJECTED").doesNotContainKey("documentId");
        assertThat(decided(trade.asBuyer(), filed(trade.asBuyer(), body), "withdraw"))
                .containsEntry("status", "WITHDRAWN").doesNotContainKey("documentId");
        assertThat(sql.count("SELECT count(*) FROM purchase_order WHERE buyer_id = ?", trade.buyer().id())).isZero();
        assertThat(listed(trade.asSeller(), "/api/v1/orders", "role=received")).isEmpty();
    }

    @Test
    @DisplayName("[SVC-WF][PLT-IDEM] an order-placement request filed again with its Idempotency-Key answers the first, another order with the key 422; one request exists")
    void fileWhenRetriedThenFirstRequest() {
        Trade trade = trade("発注申請冪等");
        approver(trade, 0);
        assertIdempotent(trade.asBuyer(), REQUESTS, Map.of("subject", "order-placement",
                "order", orderFor(trade.seller().id(), lines())), Map.of("subject", "order-placement",
                "order", orderFor(trade.seller().id(), List.of(line("別", "1", "1", "standard-10")))));
        assertThat(sql.count("SELECT count(*) FROM workflow_request WHERE company_id = ?", trade.buyer().id())).isOne();
    }

    @Test
    @DisplayName("[SVC-WF] a placement refused at the final approval (the partner suspended meanwhile) answers its problem naming sellerId and writes nothing: the request stays at its step, no order, no decision")
    void approveWhenPlacementRefusedThenNothingWritten() {
        Trade trade = trade("発注承認失敗");
        String approver = approver(trade, 0);
        Map<String, Object> request = filed(trade.asBuyer(), Map.of("subject", "order-placement",
                "order", orderFor(trade.seller().id(), lines())));
        WebTestClient asApprover = client(login(approver));
        String connection = "(inviter_id = ? AND invitee_id = ?)";
        sql.update("UPDATE partner_connection SET status = 'SUSPENDED', suspended_by = inviter_id WHERE " + connection,
                trade.seller().id(), trade.buyer().id());

        assertProblem(decide(asApprover, request, "approve").expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("sellerId"), "/problems/unprocessable", 422);
        assertThat(read(trade.asBuyer(), request.get("id"))).isEqualTo(request);
        assertThat(sql.count("SELECT count(*) FROM purchase_order WHERE buyer_id = ?", trade.buyer().id())).isZero();

        sql.update("UPDATE partner_connection SET status = 'ACTIVE', suspended_by = NULL WHERE " + connection,
                trade.seller().id(), trade.buyer().id());
        assertThat(decided(asApprover, request, "approve")).containsEntry("status", "APPROVED");
        assertThat(sql.count("SELECT count(*) FROM purchase_order WHERE buyer_id = ?", trade.buyer().id())).isOne();
    }

    @Test
    @DisplayName("[SVC-WF][SVC-ORD] ordering an accepted quote the route covers answers 409 approval-required; the request carries the quote at its total and its approval orders it once")
    void orderFromQuoteWhenRouteCoversThenOrderedOnApproval() {
        Trade trade = trade("見積発注承認");
        String approver = approver(trade, 0);
        Map<String, Object> quote = accepted(trade, "承認が要る見積");
        assertProblem(fromQuote(trade.asBuyer(), quote.get("id")).expectStatus().isEqualTo(409).expectBody(),
                "/problems/approval-required", 409);

        Map<String, Object> request = filed(trade.asBuyer(), Map.of("subject", "order-placement",
                "quoteId", quote.get("id")));
        assertThat(request).containsEntry("quoteId", quote.get("id")).doesNotContainKey("order")
                .containsEntry("amount", ((Map<?, ?>) quote.get("totals")).get("total"));
        Map<String, Object> approved = decided(client(login(approver)), request, "approve");
        assertThat(getOrder(trade.asBuyer(), approved.get("documentId"))).containsEntry("quoteId", quote.get("id"));
        assertThat(sql.count("SELECT count(*) FROM purchase_order WHERE quote_id = ?",
                UUID.fromString((String) quote.get("id")))).isOne();
    }

    @Test
    @DisplayName("[SVC-WF][SVC-ORD][SEC-RBAC] a request's order is checked as placing it would be: a seller not connected 422 naming sellerId, the seller's own quote 403 wrong-party, both or neither of order and quoteId 422 naming order, a user without order:place 403; nothing filed")
    void fileWhenOrderInvalidThenRefusedAsPlacing() {
        Trade trade = trade("発注申請検証");
        approver(trade, 0);
        route(trade.asSeller(), "order-placement", 0, List.of(userId(sql,
                fixtures.user(trade.seller().id(), "STAFF"))));
        Map<String, Object> quote = accepted(trade, "検証用の見積");
        Map<String, Object> stranger = orderFor(fixtures.company("未接続売手株式会社").id(), lines());

        assertProblem(placing(trade.asBuyer(), stranger).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("sellerId"), "/problems/unprocessable", 422);
        assertProblem(filing(trade.asBuyer(), Map.of("subject", "order-placement", "order", stranger))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("sellerId"),
                "/problems/unprocessable", 422);
        assertProblem(filing(trade.asSeller(), Map.of("subject", "order-placement", "quoteId", quote.get("id")))
                .expectStatus().isForbidden().expectBody(), "/problems/wrong-party", 403);
        Map<String, Object> both = new LinkedHashMap<>(Map.of("subject", "order-placement", "quoteId", quote.get("id"),
                "order", orderFor(trade.seller().id(), lines())));
        for (Map<String, Object> wrong : List.of(both, Map.<String, Object>of("subject", "order-placement"))) {
            assertProblem(filing(trade.asBuyer(), wrong).expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("order"), "/problems/unprocessable", 422);
        }
        String noPlace = fixtures.userWith(trade.buyer().id(), List.of("document:write"), List.of());
        assertProblem(filing(client(login(noPlace)), Map.of("subject", "order-placement",
                "order", orderFor(trade.seller().id(), lines()))).expectStatus().isForbidden().expectBody(),
                "/problems/forbidden", 403);
        assertThat(sql.count("SELECT count(*) FROM workflow_request WHERE company_id IN (?, ?)", trade.buyer().id(),
                trade.seller().id())).isZero();
    }

    @Test
    @DisplayName("[SVC-WF] an order whose total is below the route's lower bound is placed directly, from free-form lines and from a quote")
    void placeWhenBelowRouteThenPlacedDirectly() {
        Trade trade = trade("発注閾値");
        approver(trade, 1_000_000);

        assertThat(place(trade, lines())).containsEntry("status", "PLACED");
        fromQuote(trade.asBuyer(), accepted(trade, "閾値未満の見積").get("id")).expectStatus().isCreated();
        assertProblem(placing(trade.asBuyer(), orderFor(trade.seller().id(), List.of(line("高額機械", "1",
                "1000000", "standard-10")))).expectStatus().isEqualTo(409).expectBody(),
                "/problems/approval-required", 409);
        assertThat(sql.count("SELECT count(*) FROM purchase_order WHERE buyer_id = ?", trade.buyer().id())).isEqualTo(2);
    }

    /** The buyer's order-placement route from {@code min} yen, of one step its new user decides; answers the user's login ID. */
    private String approver(Trade trade, long min) {
        String approver = fixtures.user(trade.buyer().id(), "STAFF");
        route(trade.asBuyer(), "order-placement", min, List.of(userId(sql, approver)));
        return approver;
    }
}
