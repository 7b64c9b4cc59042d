package jp.btob.platform.order;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Concurrently;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Placing orders: from an accepted quote once, idempotently, and finding them again in the list. */
class OrderPlacingTests extends OrderTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SVC-ORD] the buyer orders an accepted quote in one call: its title, lines and totals copied, linked to the quote; a second order of it 409; the seller ordering it 403 wrong-party; a quote not accepted 409 invalid-transition")
    void orderFromQuoteWhenAcceptedThenOnce() {
        Trade trade = trade("見積発注");
        Map<String, Object> quote = accepted(trade, "見積からの発注");

        Map<String, Object> order = fromQuote(trade.asBuyer(), quote.get("id")).expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"").expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(order).containsEntry("quoteId", quote.get("id")).containsEntry("title", "見積からの発注")
                .containsEntry("status", "PLACED").containsEntry("totals", quote.get("totals"));
        assertThat(((Map<?, ?>) lineOf(order, 2).get("item")).get("description")).isEqualTo("緑茶 ペットボトル 500ml");

        assertProblem(fromQuote(trade.asBuyer(), quote.get("id")).expectStatus().isEqualTo(409).expectBody(),
                "/problems/conflict", 409);
        assertProblem(fromQuote(trade.asSeller(), quote.get("id")).expectStatus().isForbidden().expectBody(),
                "/problems/wrong-party", 403);
        Map<String, Object> sent = done(trade.asSeller(), draft(trade, "未承諾の見積"), "send", null);
        assertProblem(fromQuote(trade.asBuyer(), sent.get("id")).expectStatus().isEqualTo(409).expectBody(),
                "/problems/invalid-transition", 409);
        assertProblem(fromQuote(client(login(fixtures.company("見積発注部外者株式会社").adminLoginId())), quote.get("id"))
                .expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        assertThat(sql.count("SELECT count(*) FROM purchase_order WHERE quote_id = ?", UUID.fromString((String) quote.get("id"))))
                .isOne();
    }

    @Test
    @DisplayName("[PLT-CONC] 12 concurrent orders of one accepted quote, each with its own key, create exactly one order: one 201, the others 409")
    void orderFromQuoteWhenConcurrentThenExactlyOne() throws Exception {
        Trade trade = trade("見積同時発注");
        Map<String, Object> quote = accepted(trade, "同時に発注される見積");
        int parallel = 12;
        List<EntityExchangeResult<byte[]>> answers = Concurrently.all(parallel, i ->
                trade.asBuyer().post().uri("/api/v1/quotes/{id}/order", quote.get("id"))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).exchange().expectBody().returnResult());
        Map<Integer, Integer> statuses = new HashMap<>();
        for (EntityExchangeResult<byte[]> answer : answers) {
            statuses.merge(answer.getStatus().value(), 1, Integer::sum);
            if (answer.getStatus().value() == 409) {
                assertThat(new String(answer.getResponseBody(), StandardCharsets.UTF_8)).contains("/problems/conflict");
            }
        }
        assertThat(statuses).isEqualTo(Map.of(201, 1, 409, parallel - 1));
        assertThat(sql.count("SELECT count(*) FROM purchase_order WHERE quote_id = ?", UUID.fromString((String) quote.get("id"))))
                .isOne();
    }

    @Test
    @DisplayName("[PLT-IDEM] placing an order again with the same Idempotency-Key and body answers the first order, marked replayed; another body with the key 422; one order exists")
    void placeWhenSameKeyThenReplayed() {
        Trade trade = trade("発注冪等");
        assertIdempotent(trade.asBuyer(), "/api/v1/orders", orderFor(trade.seller().id(), lines()),
                orderFor(trade.seller().id(), List.of(line("別", "1", "1", "standard-10"))));
        assertThat(sql.count("SELECT count(*) FROM purchase_order WHERE buyer_id = ?", trade.buyer().id())).isOne();
    }

    @Test
    @DisplayName("[PLT-PAGE] the order list pages oldest first without gaps or repeats, and filters by role, status, partner, order date and total")
    void listWhenPagedAndFilteredThenStable() {
        Trade trade = trade("発注一覧");
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(place(trade, List.of(line("品目" + i, String.valueOf(i + 1), "1000", "standard-10"))).get("id"));
        }
        stepped(trade.asBuyer(), getOrder(trade.asBuyer(), ids.get(0)), "cancel", reason("不要"));

        assertListFilters(trade.asBuyer(), trade.asSeller(), trade.buyer().id(), "/api/v1/orders", "ordered", ids);
    }
}
