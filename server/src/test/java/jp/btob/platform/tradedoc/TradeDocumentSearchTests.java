package jp.btob.platform.tradedoc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Fixtures.TestCompany;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.PartnerSteps.accept;
import static jp.btob.platform.support.PartnerSteps.invite;
import static org.assertj.core.api.Assertions.assertThat;

/** Trade documents in the search of kept documents (電子帳簿保存法): found by both parties with every filter, as they are now. */
class TradeDocumentSearchTests extends TradeDocumentTest {

    private static final String SEARCH = "/api/v1/documents";

    @Test
    @DisplayName("[SVC-BOOK] trade documents are found by both parties, each on its side of the trade, with each filter alone and combined (type, side, counterparty, date range, amount range), with their number and title; another company finds none")
    void searchWhenTradeDocumentsThenFoundByBothPartiesWithEachFilter() {
        Trade ab = trade("文書検索");
        TestCompany c = fixtures.company("文書検索第三株式会社");
        accept(client(login(c.adminLoginId())), c.id(), invite(ab.asSeller(), ab.seller().id(), c.code(), null));
        UUID a = ab.seller().id();
        UUID b = ab.buyer().id();
        WebTestClient asA = ab.asSeller();
        WebTestClient asB = ab.asBuyer();

        String t1 = id(sent(asA, dated(documentFor(b, "S-1", 10_000), -30)));
        Map<String, Object> order = dated(documentFor(a, "S-2", 20_000), -20);
        order.put("kind", "purchase-order");
        String t2 = id(sent(asB, order));
        String t3 = id(sent(asA, dated(documentFor(c.id(), "S-3", 30_000), -10)));
        String t4 = id(sent(asB, dated(documentFor(a, "S-4", 40_000), -5)));

        assertThat(found(asA, "documentType=trade")).containsExactly(t1, t2, t3, t4);
        assertThat(found(asA, "")).containsExactly(t1, t2, t3, t4);
        assertThat(found(asA, "side=seller")).containsExactly(t1, t2, t3);
        assertThat(found(asA, "side=buyer")).containsExactly(t4);
        assertThat(found(asA, "partnerId=" + c.id())).containsExactly(t3);
        assertThat(found(asA, "partnerId=" + b)).containsExactly(t1, t2, t4);
        assertThat(found(asA, "dateFrom=" + day(-20) + "&dateTo=" + day(-10))).containsExactly(t2, t3);
        assertThat(found(asA, "dateTo=" + day(-31))).isEmpty();
        assertThat(found(asA, "minAmount=20000&maxAmount=30000")).containsExactly(t2, t3);
        assertThat(found(asA, "documentType=trade&side=seller&partnerId=" + b + "&dateFrom=" + day(-25)
                + "&minAmount=15000&maxAmount=45000")).containsExactly(t2);

        assertThat(found(asB, "")).containsExactly(t1, t2, t4);
        assertThat(found(asB, "side=buyer&partnerId=" + a)).containsExactly(t1, t2);
        assertThat(found(asB, "side=seller")).containsExactly(t4);
        assertThat(found(client(login(c.adminLoginId())), "")).containsExactly(t3);
        assertThat(found(client(login(fixtures.company("文書検索無関係株式会社").adminLoginId())), "partnerId=" + a))
                .isEmpty();

        Map<String, Object> byA = item(asA, "partnerId=" + b + "&dateTo=" + day(-30));
        Map<String, Object> byB = item(asB, "partnerId=" + a + "&dateTo=" + day(-30));
        assertThat(byA).containsEntry("documentType", "trade").containsEntry("documentId", t1)
                .containsEntry("side", "seller").containsEntry("number", "S-1").containsEntry("title", "コピー用紙 納品 S-1")
                .containsEntry("status", "SENT").containsEntry("amount", 10_000)
                .containsEntry("transactionDate", day(-30).toString())
                .containsEntry("historyPath", "/api/v1/documents/trade/" + t1 + "/history");
        assertThat(byB).containsEntry("side", "buyer").containsEntry("number", "S-1");
        assertThat(party(byB, "counterparty")).containsEntry("companyId", a.toString());
    }

    @Test
    @DisplayName("[SVC-BOOK] a correction changes what the search finds, for both parties: the new amount, date and number in, the old ones out; a cancelled document is still found, with its status; document:read alone finds trade documents and reads their history")
    void searchWhenCorrectedOrCancelledThenFoundAsItIsNow() {
        Trade trade = trade("文書検索訂正");
        Map<String, Object> sent = sent(trade.asSeller(), dated(documentFor(trade.buyer().id(), "C-1", 10_000), -30));
        String id = id(sent);

        Map<String, Object> corrected = new HashMap<>(content("C-1-R", 35_000));
        corrected.put("transactionDate", day(-1).toString());
        Map<String, Object> after = moved(trade.asSeller(), sent, "correct", correction(corrected, "金額の訂正"));
        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            assertThat(found(party, "maxAmount=20000")).isEmpty();
            assertThat(found(party, "dateTo=" + day(-25))).isEmpty();
            assertThat(found(party, "minAmount=30000&dateFrom=" + day(-1))).containsExactly(id);
            assertThat(item(party, "documentType=trade")).containsEntry("number", "C-1-R").containsEntry("amount", 35_000)
                    .containsEntry("status", "SENT");
        }

        moved(trade.asSeller(), after, "cancel", reason("取消"));
        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            assertThat(item(party, "documentType=trade")).containsEntry("status", "CANCELLED");
        }
        WebTestClient asReader = client(login(fixtures.userWith(trade.buyer().id(), List.of("document:read"), List.of())));
        assertThat(found(asReader, "")).containsExactly(id);
        assertThat(history(asReader, id).expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody())
                .containsEntry("verified", true);
    }

    private Map<String, Object> dated(Map<String, Object> document, int days) {
        document.put("transactionDate", day(days).toString());
        return document;
    }

    private java.time.LocalDate day(int days) {
        return today().plusDays(days);
    }

    private static Map<String, Object> sent(WebTestClient client, Map<String, Object> body) {
        return sending(client, body).expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private static String id(Map<String, Object> document) {
        return (String) document.get("id");
    }

    private static List<Object> found(WebTestClient client, String query) {
        Map<String, Object> page = client.get().uri(SEARCH + "?" + query).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        return ((List<?>) page.get("items")).stream().map(item -> ((Map<?, ?>) item).get("documentId"))
                .map(Object.class::cast).toList();
    }

    private static Map<String, Object> item(WebTestClient client, String query) {
        Map<String, Object> page = client.get().uri(SEARCH + "?" + query).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        List<?> items = (List<?>) page.get("items");
        assertThat(items).as(query).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> only = (Map<String, Object>) items.get(0);
        return only;
    }
}
