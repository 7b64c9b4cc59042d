package jp.btob.platform.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Contracts through their life: drafted, revised, sent, changes requested, agreed by both; who may do what, and when. */
class ContractLifecycleTests extends ContractTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SVC-CON][SVC-BOOK] drafted (revised once as a draft) → sent → changes requested → revision 3 → sent → agreed by the counterparty → agreed by the drafter: both agreements name signer, company, time and the same SHA-256 of revision 3's body; every revision readable; the history from the first sending on, verified, without the body")
    void lifecycleWhenChangesRequestedAndAgreedThenBothSignTheSameRevision() throws Exception {
        Trade trade = trade("契約一巡");
        Map<String, Object> drafted = draft(trade, "秘密保持契約書", "第1条（目的）初稿");
        assertThat(drafted).containsEntry("status", "DRAFT").containsEntry("version", 1)
                .containsEntry("drafterSide", "buyer");
        assertThat(current(drafted)).containsEntry("revision", 1).containsEntry("body", "第1条（目的）初稿")
                .containsEntry("sha256", sha256("第1条（目的）初稿")).containsEntry("contractType", "nda")
                .containsEntry("amount", 1_200_000).containsEntry("autoRenew", true);
        assertThat(party(drafted, "partyA")).containsEntry("companyId", trade.buyer().id().toString());
        assertThat(party(drafted, "partyB")).containsEntry("companyId", trade.seller().id().toString());
        assertProblem(reading(trade.asSeller(), drafted.get("id")).expectStatus().isNotFound().expectBody(),
                "/problems/not-found", 404);

        Map<String, Object> revised = moved(trade.asBuyer(), drafted, "revise", content("秘密保持契約書", "第1条（目的）第二稿"));
        assertThat(revised).containsEntry("status", "DRAFT").containsEntry("version", 2);
        Map<String, Object> sent = moved(trade.asBuyer(), revised, "send", null);
        assertThat(sent).containsEntry("status", "SENT").containsEntry("version", 3);
        assertThat(getContract(trade.asSeller(), sent.get("id"))).isEqualTo(sent);
        trade.asSeller().get().uri(CONTRACTS + "/{id}", sent.get("id")).exchange().expectHeader().valueEquals("ETag", "\"3\"");

        Map<String, Object> asked = moved(trade.asSeller(), sent, "request-changes", reason("第5条の期間を見直してください"));
        assertThat(asked).containsEntry("status", "CHANGES_REQUESTED").containsEntry("responseNote", "第5条の期間を見直してください");
        String finalBody = "第1条（目的）第三稿\n第5条（期間）1年間とする。";
        Map<String, Object> third = moved(trade.asBuyer(), asked, "revise", content("秘密保持契約書（改）", finalBody));
        assertThat(current(third)).containsEntry("revision", 3).containsEntry("body", finalBody);
        Map<String, Object> again = moved(trade.asBuyer(), third, "send", null);

        Map<String, Object> half = moved(trade.asSeller(), again, "agree", agreement(again));
        assertThat(half).containsEntry("status", "AGREED_BY_COUNTERPARTY");
        Map<String, Object> agreed = moved(trade.asBuyer(), half, "agree", agreement(half));
        assertThat(agreed).containsEntry("status", "AGREED").containsEntry("version", 8);
        List<Map<String, Object>> signed = agreements(agreed);
        assertThat(signed).hasSize(2);
        assertThat(signed).extracting(a -> a.get("companyId"))
                .containsExactly(trade.seller().id().toString(), trade.buyer().id().toString());
        assertThat(signed).allSatisfy(a -> {
            assertThat(a).containsEntry("revision", 3).containsEntry("sha256", sha256(finalBody));
            assertThat(a.get("signerId")).isNotNull();
            assertThat((String) a.get("signerName")).isNotBlank();
            assertThat(a.get("agreedAt")).isNotNull();
        });
        assertThat(sql.rows("SELECT signer_id, company_id FROM contract_agreement WHERE contract_id = ?",
                UUID.fromString((String) agreed.get("id")))).hasSize(2);

        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            for (int n = 1; n <= 3; n++) {
                Map<String, Object> revision = party.get().uri(CONTRACTS + "/{id}/revisions/{n}", agreed.get("id"), n)
                        .exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
                assertThat(revision).containsEntry("revision", n);
            }
            assertProblem(party.get().uri(CONTRACTS + "/{id}/revisions/4", agreed.get("id")).exchange().expectStatus()
                    .isNotFound().expectBody(), "/problems/not-found", 404);
            Map<String, Object> history = history(party, agreed.get("id")).expectStatus().isOk().expectBody(JSON_OBJECT)
                    .returnResult().getResponseBody();
            assertThat(history).containsEntry("verified", true).containsEntry("documentType", "contract");
            assertThat(reasons(history)).containsExactly("SENT", "CHANGES_REQUESTED: 第5条の期間を見直してください",
                    "CHANGES_REQUESTED (revision 3)", "SENT",
                    "AGREED_BY_COUNTERPARTY (revision 3, sha256 " + sha256(finalBody) + ")",
                    "AGREED (revision 3, sha256 " + sha256(finalBody) + ")");
            assertThat(history.toString()).doesNotContain("第三稿");
            assertThat(verification(party, agreed.get("id"))).containsEntry("verified", true)
                    .containsEntry("revision", 3).containsEntry("sha256", sha256(finalBody));
        }
        assertThat(sql.rows("SELECT company_id, action FROM audit_event WHERE CAST(target_id AS text) = ?"
                + " AND action LIKE 'contract.%'", agreed.get("id")))
                .as("the draft's steps on the drafter's trail; from the sending on, on both").hasSize(2 + 2 * 6);
    }

    @Test
    @DisplayName("[SVC-CON] every action from every state: the allowed moves reach their state, every other move answers 409 invalid-transition naming the current state")
    void everyActionFromEveryStateThenOnlyTableMovesAllowed() {
        Trade trade = trade("契約遷移表");
        Map<String, Map<String, String>> allowed = new LinkedHashMap<>();
        allowed.put("revise", Map.of("DRAFT", "DRAFT", "CHANGES_REQUESTED", "CHANGES_REQUESTED"));
        allowed.put("send", Map.of("DRAFT", "SENT", "CHANGES_REQUESTED", "SENT"));
        allowed.put("request-changes", Map.of("SENT", "CHANGES_REQUESTED"));
        allowed.put("agree", Map.of("SENT", "AGREED_BY_COUNTERPARTY", "AGREED_BY_COUNTERPARTY", "AGREED"));
        allowed.put("cancel", Map.of("DRAFT", "CANCELLED", "SENT", "CANCELLED", "CHANGES_REQUESTED", "CANCELLED",
                "AGREED_BY_COUNTERPARTY", "CANCELLED"));
        int checked = 0;
        for (String state : List.of("DRAFT", "SENT", "CHANGES_REQUESTED", "AGREED_BY_COUNTERPARTY", "AGREED",
                "CANCELLED")) {
            for (Map.Entry<String, Map<String, String>> action : allowed.entrySet()) {
                Map<String, Object> contract = inState(trade, state, "遷移-" + checked);
                WebTestClient actor = actorOf(trade, action.getKey(), state);
                if (state.equals("DRAFT") && action.getKey().equals("request-changes")) {
                    // The counterparty does not see a draft at all.
                    assertProblem(move(actor, contract.get("id"), action.getKey(), contract.get("version"),
                            bodyOf(action.getKey(), contract)).expectStatus().isNotFound().expectBody(),
                            "/problems/not-found", 404);
                    checked++;
                    continue;
                }
                WebTestClient.ResponseSpec answer = move(actor, contract.get("id"), action.getKey(),
                        contract.get("version"), bodyOf(action.getKey(), contract));
                expectMove(answer, action.getKey() + " from " + state, state, action.getValue().get(state));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(30);
    }

    @Test
    @DisplayName("[SVC-CON] an action of the other party answers 403 wrong-party and changes nothing: the counterparty revising or sending, the drafter asking for changes")
    void actionWhenOtherPartyThenWrongParty() {
        Trade trade = trade("契約当事者");
        Map<String, Object> asked = inState(trade, "CHANGES_REQUESTED", "当事者");
        for (String action : List.of("revise", "send")) {
            assertProblem(move(trade.asSeller(), asked.get("id"), action, asked.get("version"), bodyOf(action, asked))
                    .expectStatus().isForbidden().expectBody(), "/problems/wrong-party", 403);
        }
        Map<String, Object> sent = inState(trade, "SENT", "当事者2");
        assertProblem(move(trade.asBuyer(), sent.get("id"), "request-changes", sent.get("version"), reason("自分で"))
                .expectStatus().isForbidden().expectBody(), "/problems/wrong-party", 403);
        assertThat(getContract(trade.asBuyer(), asked.get("id"))).isEqualTo(asked);
        assertThat(getContract(trade.asSeller(), sent.get("id"))).isEqualTo(sent);
    }

    @Test
    @DisplayName("[PLT-TENANT] a company that is no party gets the very 404 of a contract that does not exist on every operation and lists none; the counterparty gets it too while the contract is a draft")
    void contractWhenNoPartyOrDraftThenNotFound() {
        Trade trade = trade("契約他社");
        Map<String, Object> sent = inState(trade, "SENT", "他社");
        Map<String, Object> drafted = inState(trade, "DRAFT", "下書き");
        Map<String, Object> dropped = moved(trade.asBuyer(), inState(trade, "DRAFT", "没"), "cancel", reason("没"));
        WebTestClient asStranger = client(login(fixtures.company("契約無関係株式会社").adminLoginId()));
        Map<WebTestClient, List<Object>> hidden = Map.of(asStranger, List.of(sent.get("id"), drafted.get("id"),
                UUID.randomUUID()), trade.asSeller(), List.of(drafted.get("id"), dropped.get("id")));
        hidden.forEach((client, ids) -> {
            for (Object id : ids) {
                assertProblem(reading(client, id).expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
                for (String action : List.of("revise", "send", "request-changes", "agree", "cancel")) {
                    assertProblem(move(client, id, action, 1, bodyOf(action, drafted)).expectStatus().isNotFound()
                            .expectBody(), "/problems/not-found", 404);
                }
                for (String path : List.of("/revisions/1", "/verification")) {
                    assertProblem(client.get().uri(CONTRACTS + "/{id}" + path, id).exchange().expectStatus()
                            .isNotFound().expectBody(), "/problems/not-found", 404);
                }
                assertProblem(history(client, id).expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
            }
        });
        assertThat(listed(asStranger, CONTRACTS, "limit=200")).isEmpty();
        assertThat(listed(trade.asSeller(), CONTRACTS, "limit=200")).containsExactly(sent.get("id"));
        assertThat(listed(trade.asBuyer(), CONTRACTS, "limit=200")).containsExactly(sent.get("id"), drafted.get("id"),
                dropped.get("id"));
        assertThat(getContract(trade.asBuyer(), drafted.get("id"))).isEqualTo(drafted);
    }

    @Test
    @DisplayName("[PLT-CONC] every change needs If-Match: without it 428 precondition-required, with a stale version 412, and nothing changes")
    void changeWhenIfMatchMissingOrStaleThenRefused() {
        Trade trade = trade("契約版");
        Map<String, Object> drafted = inState(trade, "DRAFT", "版-下書き");
        Map<String, Object> sent = inState(trade, "SENT", "版-送付");
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("revise", drafted);
        cases.put("send", drafted);
        cases.put("request-changes", sent);
        cases.put("agree", sent);
        cases.put("cancel", sent);
        cases.forEach((action, contract) -> {
            WebTestClient actor = contract == sent && !action.equals("cancel") ? trade.asSeller() : trade.asBuyer();
            assertProblem(move(actor, contract.get("id"), action, null, bodyOf(action, contract)).expectStatus()
                    .isEqualTo(428).expectBody(), "/problems/precondition-required", 428);
            assertProblem(move(actor, contract.get("id"), action, 9, bodyOf(action, contract)).expectStatus()
                    .isEqualTo(412).expectBody(), "/problems/precondition-failed", 412);
        });
        assertThat(getContract(trade.asBuyer(), drafted.get("id"))).isEqualTo(drafted);
        assertThat(getContract(trade.asSeller(), sent.get("id"))).isEqualTo(sent);
    }

    @Test
    @DisplayName("[SVC-CON] an agreement naming another revision than the current one answers 409 conflict and records nothing; an expiry before the effective date 422")
    void agreeWhenOtherRevisionThenConflict() {
        Trade trade = trade("契約版違い");
        Map<String, Object> sent = inState(trade, "SENT", "版違い");
        assertProblem(move(trade.asSeller(), sent.get("id"), "agree", sent.get("version"), Map.of("revision", 2))
                .expectStatus().isEqualTo(409).expectBody(), "/problems/conflict", 409);
        assertThat(getContract(trade.asSeller(), sent.get("id"))).isEqualTo(sent);
        assertThat(agreements(sent)).isEmpty();

        Map<String, Object> backwards = draftFor(trade.seller().id(), "期間逆転", "本文");
        backwards.put("expiryDate", today().minusDays(1).toString());
        assertProblem(drafting(trade.asBuyer(), backwards).expectStatus().isEqualTo(422).expectBody(),
                "/problems/unprocessable", 422);
    }

    /** Who takes the action in the table: the counterparty's actions, and its agreement until it has agreed, else the drafter. */
    private static WebTestClient actorOf(Trade trade, String action, String state) {
        boolean counterparty = action.equals("request-changes")
                || (action.equals("agree") && !List.of("DRAFT", "AGREED_BY_COUNTERPARTY").contains(state));
        return counterparty ? trade.asSeller() : trade.asBuyer();
    }

    private Object bodyOf(String action, Map<String, Object> contract) {
        return switch (action) {
            case "revise" -> content("改訂", "改訂後の本文");
            case "send" -> null;
            case "request-changes", "cancel" -> reason("理由");
            case "agree" -> agreement(contract);
            default -> throw new IllegalArgumentException(action);
        };
    }
}
