package jp.btob.platform.contract;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Contracts in the search of kept documents (電子帳簿保存法): for both parties from their first sending on. */
class ContractSearchTests extends ContractTest {

    private static final String SEARCH = "/api/v1/documents";

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SVC-BOOK][SVC-CON] a contract is found by both parties once sent, by transaction date (its sending, then its agreement), amount and partner, alone and combined, with its current title, status and amount; a draft never sent is found by no one; an outsider finds nothing")
    void searchWhenContractsSentThenFoundByDateAmountAndPartner() {
        Trade trade = trade("契約検索");
        Trade other = trade("契約検索別");
        Object draft = draft(trade, "検索下書き", "第1条 下書き").get("id");
        Object sent = sent(trade, "検索送付", 1_200_000L).get("id");
        Map<String, Object> toAgree = sent(trade, "検索合意", 300_000L);
        Object noAmount = sent(trade, "検索金額なし", null).get("id");
        Object elsewhere = sent(other, "検索別取引先", 300_000L).get("id");
        backdateSending(sent, 20);
        backdateSending(toAgree.get("id"), 10);
        backdateSending(noAmount, 5);
        assertThat(found(trade.asSeller(), "documentType=contract&dateFrom=" + day(-10) + "&dateTo=" + day(-10)))
                .containsExactly(toAgree.get("id"));

        Map<String, Object> half = moved(trade.asSeller(), getContract(trade.asSeller(), toAgree.get("id")), "agree",
                agreement(toAgree));
        Object agreed = moved(trade.asBuyer(), half, "agree", agreement(half)).get("id");
        moved(trade.asBuyer(), getContract(trade.asBuyer(), sent), "cancel", reason("条件変更"));

        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            assertThat(found(party, "documentType=contract")).containsExactly(sent, noAmount, agreed)
                    .doesNotContain(draft, elsewhere);
            assertThat(found(party, "documentType=contract&dateTo=" + day(-6))).containsExactly(sent);
            assertThat(found(party, "documentType=contract&dateFrom=" + day(-10) + "&dateTo=" + day(-1)))
                    .containsExactly(noAmount);
            assertThat(found(party, "documentType=contract&dateFrom=" + day(0))).containsExactly(agreed);
            assertThat(found(party, "documentType=contract&minAmount=1000000")).containsExactly(sent);
            assertThat(found(party, "documentType=contract&minAmount=0&maxAmount=500000")).containsExactly(agreed);
            assertThat(found(party, "documentType=contract&partnerId=" + UUID.randomUUID())).isEmpty();
            assertThat(found(party, "minAmount=300000&maxAmount=300000&dateFrom=" + day(0))).containsExactly(agreed);
            assertThat(found(party, "")).containsExactly(sent, noAmount, agreed);
        }
        assertThat(found(trade.asSeller(), "documentType=contract&side=seller&partnerId=" + trade.buyer().id()))
                .containsExactly(sent, noAmount, agreed);
        assertThat(found(trade.asBuyer(), "documentType=contract&side=seller")).isEmpty();
        assertThat(found(other.asSeller(), "documentType=contract")).containsExactly(elsewhere);

        List<Map<String, Object>> items = items(trade.asSeller(), "documentType=contract");
        assertThat(items.get(0)).containsEntry("documentType", "contract").containsEntry("title", "検索送付")
                .containsEntry("status", "CANCELLED").containsEntry("amount", 1_200_000)
                .containsEntry("transactionDate", day(-20).toString()).containsEntry("side", "seller")
                .doesNotContainKey("number");
        assertThat(items.get(1)).containsEntry("status", "SENT").doesNotContainKey("amount");
        assertThat(items.get(2)).containsEntry("status", "AGREED").containsEntry("amount", 300_000)
                .containsEntry("transactionDate", day(0).toString())
                .containsEntry("historyPath", "/api/v1/documents/contract/" + agreed + "/history");

        WebTestClient outsider = client(login(fixtures.company("契約検索無関係株式会社").adminLoginId()));
        assertThat(found(outsider, "")).isEmpty();
        assertThat(found(outsider, "documentType=contract&partnerId=" + trade.seller().id())).isEmpty();
    }

    @Test
    @DisplayName("[SVC-BOOK] a revision of a sent contract (after a change request) is found under its new title and amount in the same transaction")
    void searchWhenRevisedThenFoundAsRevised() {
        Trade trade = trade("契約検索改訂");
        Map<String, Object> sent = sent(trade, "改訂前", 100L);
        Map<String, Object> asked = moved(trade.asSeller(), sent, "request-changes", reason("金額を修正"));
        Map<String, Object> terms = content("改訂後", "第1条 改訂後");
        terms.put("amount", 250L);
        moved(trade.asBuyer(), asked, "revise", terms);
        assertThat(items(trade.asSeller(), "documentType=contract")).singleElement().satisfies(item -> assertThat(item)
                .containsEntry("title", "改訂後").containsEntry("amount", 250)
                .containsEntry("status", "CHANGES_REQUESTED"));
    }

    @Test
    @DisplayName("[SVC-BOOK][SEC-RBAC] contracts are searched only with contract:read: without it an unfiltered search leaves them out and documentType=contract answers 403 naming the permission")
    void searchWhenNoContractReadThenNoContractsAndNamingThemDenied() {
        Trade trade = trade("契約検索権限");
        Object contract = sent(trade, "権限", 1_000L).get("id");
        String role = (String) trade.asBuyer().post().uri("/api/v1/admin/roles").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "契約なし閲覧係", "permissions", List.of("document:read", "order:read")))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
        String clerk = fixtures.userWith(trade.buyer().id(), List.of(), List.of());
        fixtures.grantRole(clerk, UUID.fromString(role));
        WebTestClient asClerk = client(login(clerk));

        assertThat(found(trade.asBuyer(), "")).containsExactly(contract);
        assertThat(found(asClerk, "")).isEmpty();
        WebTestClient.BodyContentSpec denied = asClerk.get().uri(SEARCH + "?documentType=contract").exchange()
                .expectStatus().isForbidden().expectBody();
        assertProblem(denied, "/problems/permission-denied", 403);
        denied.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("contract:read"));
        WebTestClient asReader = client(login(fixtures.userWith(trade.buyer().id(),
                List.of("document:read", "contract:read"), List.of())));
        assertThat(found(asReader, "documentType=contract")).containsExactly(contract);
    }

    /** A contract the trade's buyer drafted with {@code amount} (none when null) and sent. */
    private Map<String, Object> sent(Trade trade, String title, Long amount) {
        Map<String, Object> draft = draftFor(trade.seller().id(), title, "第1条 " + title);
        if (amount == null) {
            draft.remove("amount");
        }
        else {
            draft.put("amount", amount);
        }
        Map<String, Object> created = drafting(trade.asBuyer(), draft).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        return moved(trade.asBuyer(), created, "send", null);
    }

    /** Moves the contract's first sending {@code days} back, as if it had been sent then. */
    private void backdateSending(Object id, int days) {
        assertThat(sql.update("UPDATE contract SET sent_at = sent_at - make_interval(days => ?) WHERE id = ?", days,
                UUID.fromString((String) id))).isOne();
    }

    private LocalDate day(int days) {
        return today().plusDays(days);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(WebTestClient client, String query) {
        return (List<Map<String, Object>>) client.get().uri(SEARCH + (query.isEmpty() ? "" : "?" + query)).exchange()
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("items");
    }

    private static List<Object> found(WebTestClient client, String query) {
        return items(client, query).stream().map(item -> item.get("documentId")).toList();
    }
}
