package jp.btob.platform.contract;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static jp.btob.platform.support.WorkflowSteps.decided;
import static jp.btob.platform.support.WorkflowSteps.filed;
import static jp.btob.platform.support.WorkflowSteps.filing;
import static jp.btob.platform.support.WorkflowSteps.route;
import static jp.btob.platform.support.WorkflowSteps.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** A party's agreement held by its contract-agreement route until a request for the revision is approved. */
class ContractApprovalTests extends ContractTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SVC-WF][SVC-CON] the counterparty's agreement answers 409 approval-required while its route covers the contract's amount, and succeeds once its request is APPROVED; a second request for the revision is 409; the drafter's route from above the amount lets it agree directly")
    void agreeWhenRouteCoversAmountThenNeedsApprovedRequest() {
        Trade trade = trade("契約承認");
        String approver = approver(trade.asSeller(), trade.seller().id(), 1_000_000);
        approver(trade.asBuyer(), trade.buyer().id(), 1_200_001);
        Map<String, Object> contract = inState(trade, "SENT", "承認付き基本契約");

        assertProblem(move(trade.asSeller(), contract.get("id"), "agree", contract.get("version"), agreement(contract))
                .expectStatus().isEqualTo(409).expectBody(), "/problems/approval-required", 409);
        Map<String, Object> request = filed(trade.asSeller(), Map.of("subject", "contract-agreement",
                "documentId", contract.get("id")));
        assertThat(request).containsEntry("amount", 1_200_000).containsEntry("documentId", contract.get("id"))
                .containsEntry("documentRevision", 1);
        assertProblem(filing(trade.asSeller(), Map.of("subject", "contract-agreement", "documentId",
                contract.get("id"))).expectStatus().isEqualTo(409).expectBody(), "/problems/conflict", 409);
        assertProblem(move(trade.asSeller(), contract.get("id"), "agree", contract.get("version"), agreement(contract))
                .expectStatus().isEqualTo(409).expectBody(), "/problems/approval-required", 409);

        assertThat(decided(client(login(approver)), request, "approve")).containsEntry("status", "APPROVED");
        Map<String, Object> half = moved(trade.asSeller(), contract, "agree", agreement(contract));
        assertThat(half).containsEntry("status", "AGREED_BY_COUNTERPARTY");
        assertThat(moved(trade.asBuyer(), half, "agree", agreement(half))).containsEntry("status", "AGREED");
    }

    @Test
    @DisplayName("[SVC-WF][SVC-CON][PLT-TENANT] a request for a contract the company is no party to, for the counterparty's draft it cannot read, or for no contract is 422 naming documentId, and nothing is filed; a user without contract:agree 403")
    void fileWhenContractNotReadableThenRefused() {
        Trade trade = trade("契約承認不可");
        TestCompany outsider = fixtures.company("契約部外者株式会社");
        WebTestClient asOutsider = client(login(outsider.adminLoginId()));
        approver(asOutsider, outsider.id(), 0);
        approver(trade.asSeller(), trade.seller().id(), 0);
        Map<String, Object> sent = inState(trade, "SENT", "送付済み契約");
        Map<String, Object> draft = inState(trade, "DRAFT", "未送付の契約");

        List<Map.Entry<WebTestClient, Object>> attempts = List.of(Map.entry(asOutsider, sent.get("id")),
                Map.entry(trade.asSeller(), draft.get("id")), Map.entry(trade.asSeller(), UUID.randomUUID()));
        for (Map.Entry<WebTestClient, Object> attempt : attempts) {
            assertProblem(filing(attempt.getKey(), Map.of("subject", "contract-agreement", "documentId",
                    attempt.getValue())).expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("documentId"), "/problems/unprocessable", 422);
        }
        String noAgree = fixtures.userWith(trade.seller().id(), List.of("document:write"), List.of());
        assertProblem(filing(client(login(noAgree)), Map.of("subject", "contract-agreement", "documentId",
                sent.get("id"))).expectStatus().isForbidden().expectBody(), "/problems/forbidden", 403);
        assertThat(sql.count("SELECT count(*) FROM workflow_request WHERE subject = 'contract-agreement'"
                + " AND company_id IN (?, ?)", trade.seller().id(), outsider.id())).isZero();
    }

    @Test
    @DisplayName("[SVC-WF][SVC-CON] an approval covers the revision current when filed: the contract revised after it, the drafter's agreement to the new revision answers 409 approval-required until a request for that revision is APPROVED")
    void agreeWhenRevisedAfterApprovalThenApprovalNoLongerClears() {
        Trade trade = trade("契約改訂承認");
        WebTestClient asApprover = client(login(approver(trade.asBuyer(), trade.buyer().id(), 0)));
        Map<String, Object> contract = inState(trade, "DRAFT", "改訂される契約");
        Map<String, Object> first = filed(trade.asBuyer(), Map.of("subject", "contract-agreement",
                "documentId", contract.get("id")));
        assertThat(decided(asApprover, first, "approve")).containsEntry("status", "APPROVED")
                .containsEntry("documentRevision", 1);

        contract = moved(trade.asBuyer(), contract, "send", null);
        contract = moved(trade.asSeller(), contract, "request-changes", reason("金額を修正してください"));
        Map<String, Object> revised = content("改訂される契約", "第1条 改訂後");
        revised.put("amount", 900_000);
        contract = moved(trade.asBuyer(), contract, "revise", revised);
        contract = moved(trade.asBuyer(), contract, "send", null);
        contract = moved(trade.asSeller(), contract, "agree", agreement(contract));
        assertThat(current(contract)).containsEntry("revision", 2);

        assertProblem(move(trade.asBuyer(), contract.get("id"), "agree", contract.get("version"), agreement(contract))
                .expectStatus().isEqualTo(409).expectBody(), "/problems/approval-required", 409);
        Map<String, Object> second = filed(trade.asBuyer(), Map.of("subject", "contract-agreement",
                "documentId", contract.get("id")));
        assertThat(second).containsEntry("documentRevision", 2).containsEntry("amount", 900_000);
        decided(asApprover, second, "approve");
        assertThat(moved(trade.asBuyer(), contract, "agree", agreement(contract))).containsEntry("status", "AGREED");
    }

    /** The company's contract-agreement route from {@code min} yen, of one step its new user decides; answers the user's login ID. */
    private String approver(WebTestClient admin, UUID companyId, long min) {
        String approver = fixtures.user(companyId, "STAFF");
        route(admin, "contract-agreement", min, List.of(userId(sql, approver)));
        return approver;
    }
}
