package jp.btob.platform.tradedoc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.support.Concurrently;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Sending trade documents: the sender's side, its numbers once per kind, idempotently, validated; and finding them in the list. */
class TradeDocumentSendingTests extends TradeDocumentTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SVC-TRADE] the kind tells the sender's side: a purchase order and an acceptance certificate come from the buyer, a receipt from the seller; senderSide states it otherwise; an other document needs its kindLabel and senderSide")
    void sendWhenKindGivenThenSenderSideFollows() {
        Trade trade = trade("取引文書種類");
        Map<String, Object> order = new HashMap<>(documentFor(trade.seller().id(), "PO-1", 1_100));
        order.put("kind", "purchase-order");
        assertThat(sent(trade.asBuyer(), order)).containsEntry("senderSide", "buyer");
        order.put("kind", "acceptance-certificate");
        assertThat(sent(trade.asBuyer(), order)).containsEntry("senderSide", "buyer");
        Map<String, Object> receipt = new HashMap<>(documentFor(trade.buyer().id(), "RC-1", 1_100));
        receipt.put("kind", "receipt");
        assertThat(sent(trade.asSeller(), receipt)).containsEntry("senderSide", "seller");
        Map<String, Object> returned = new HashMap<>(documentFor(trade.seller().id(), "RT-1", 1_100));
        returned.put("senderSide", "buyer");
        assertThat(sent(trade.asBuyer(), returned)).containsEntry("senderSide", "buyer")
                .containsEntry("kind", "delivery-note");

        Map<String, Object> other = new HashMap<>(documentFor(trade.buyer().id(), "OT-1", 1_100));
        other.put("kind", "other");
        other.put("senderSide", "seller");
        unprocessable(trade.asSeller(), other, "kindLabel");
        other.put("kindLabel", "出荷案内書");
        other.remove("senderSide");
        unprocessable(trade.asSeller(), other, "senderSide");
        other.put("senderSide", "seller");
        assertThat(sent(trade.asSeller(), other)).containsEntry("kindLabel", "出荷案内書").containsEntry("kind", "other");
    }

    @Test
    @DisplayName("[SVC-TRADE] a number is the sender's once per kind: a second delivery note numbered alike 409 conflict and nothing written, nor by a correction; the same number of another kind, or of another sender, is a new document")
    void sendWhenNumberUsedThenConflictAndNothingWritten() {
        Trade trade = trade("取引文書番号");
        Map<String, Object> first = send(trade, "DUP-1", 11_000);
        long versions = versionsOf(trade.seller());

        assertProblem(sending(trade.asSeller(), documentFor(trade.buyer().id(), "DUP-1", 22_000)).expectStatus()
                .isEqualTo(409).expectBody(), "/problems/conflict", 409);
        assertThat(sql.count("SELECT count(*) FROM trade_document WHERE sender_id = ?", trade.seller().id())).isOne();
        assertThat(versionsOf(trade.seller())).isEqualTo(versions);

        Map<String, Object> second = send(trade, "DUP-2", 11_000);
        assertProblem(move(trade.asSeller(), second.get("id"), "correct", 1, correction(content("DUP-1", 11_000), "訂正"))
                .expectStatus().isEqualTo(409).expectBody(), "/problems/conflict", 409);
        assertThat(getDocument(trade.asBuyer(), second.get("id"))).isEqualTo(second);

        Map<String, Object> receipt = new HashMap<>(documentFor(trade.buyer().id(), "DUP-1", 11_000));
        receipt.put("kind", "receipt");
        sent(trade.asSeller(), receipt);
        Map<String, Object> fromBuyer = new HashMap<>(documentFor(trade.seller().id(), "DUP-1", 11_000));
        fromBuyer.put("senderSide", "buyer");
        sent(trade.asBuyer(), fromBuyer);
        assertThat(getDocument(trade.asSeller(), first.get("id"))).isEqualTo(first);
    }

    @Test
    @DisplayName("[PLT-CONC] 8 concurrent documents with one number, each with its own key, create exactly one: one 201, the others 409 conflict")
    void sendWhenConcurrentSameNumberThenExactlyOne() throws Exception {
        Trade trade = trade("取引文書同時番号");
        int parallel = 8;
        List<EntityExchangeResult<byte[]>> answers = Concurrently.all(parallel, i ->
                trade.asSeller().post().uri(DOCUMENTS).header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(documentFor(trade.buyer().id(), "RACE-1", 1_000 + i))
                        .exchange().expectBody().returnResult());
        Map<Integer, Integer> statuses = new HashMap<>();
        for (EntityExchangeResult<byte[]> answer : answers) {
            statuses.merge(answer.getStatus().value(), 1, Integer::sum);
            if (answer.getStatus().value() == 409) {
                assertThat(new String(answer.getResponseBody(), StandardCharsets.UTF_8)).contains("/problems/conflict");
            }
        }
        assertThat(statuses).isEqualTo(Map.of(201, 1, 409, parallel - 1));
        assertThat(sql.count("SELECT count(*) FROM trade_document WHERE sender_id = ?", trade.seller().id())).isOne();
        assertThat(versionsOf(trade.seller())).isOne();
    }

    @Test
    @DisplayName("[PLT-IDEM] sending again with the same Idempotency-Key and body answers the first document, marked replayed; another body with the key 422; one document exists")
    void sendWhenSameKeyThenReplayed() {
        Trade trade = trade("取引文書冪等");
        assertIdempotent(trade.asSeller(), DOCUMENTS, documentFor(trade.buyer().id(), "IDEM-1", 11_000),
                documentFor(trade.buyer().id(), "IDEM-2", 11_000));
        assertThat(sql.count("SELECT count(*) FROM trade_document WHERE sender_id = ?", trade.seller().id())).isOne();
    }

    @Test
    @DisplayName("[PLT-IDEM] 8 concurrent sends with one Idempotency-Key and body create one document: every 201 answers it, none other than 201 or 409 idempotency-in-progress")
    void sendWhenConcurrentSameKeyThenOneDocument() throws Exception {
        Trade trade = trade("取引文書同時冪等");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = documentFor(trade.buyer().id(), "KEY-1", 11_000);
        List<EntityExchangeResult<Map<String, Object>>> answers = Concurrently.all(8, i ->
                trade.asSeller().post().uri(DOCUMENTS).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                        .expectBody(JSON_OBJECT).returnResult());
        Set<Object> ids = new HashSet<>();
        for (EntityExchangeResult<Map<String, Object>> answer : answers) {
            assertThat(answer.getStatus().value()).isIn(201, 409);
            if (answer.getStatus().value() == 201) {
                ids.add(answer.getResponseBody().get("id"));
            }
            else {
                assertThat(answer.getResponseBody()).containsEntry("type", "/problems/idempotency-in-progress");
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(sql.count("SELECT count(*) FROM trade_document WHERE sender_id = ?", trade.seller().id())).isOne();
    }

    @Test
    @DisplayName("[SVC-TRADE] problems name their fields: a missing number, a negative amount, an unknown kind 400 validation; a tax above the amount, a stranger, oneself or an unknown company as receiver 422; nothing written")
    void sendWhenInvalidThenProblemsNamingFields() {
        Trade trade = trade("取引文書検証");
        Map<String, Object> noNumber = new HashMap<>(documentFor(trade.buyer().id(), "V-1", 11_000));
        noNumber.remove("number");
        invalid(trade.asSeller(), noNumber, "number");
        Map<String, Object> negative = new HashMap<>(documentFor(trade.buyer().id(), "V-1", 11_000));
        negative.put("amount", -1);
        invalid(trade.asSeller(), negative, "amount");
        Map<String, Object> unknownKind = new HashMap<>(documentFor(trade.buyer().id(), "V-1", 11_000));
        unknownKind.put("kind", "invoice");
        invalid(trade.asSeller(), unknownKind, "kind");

        Map<String, Object> tax = new HashMap<>(documentFor(trade.buyer().id(), "V-1", 11_000));
        tax.put("taxAmount", 11_001);
        unprocessable(trade.asSeller(), tax, "taxAmount");
        TestCompany stranger = fixtures.company("取引文書非取引先株式会社");
        for (UUID receiver : List.of(stranger.id(), trade.seller().id(), UUID.randomUUID())) {
            unprocessable(trade.asSeller(), documentFor(receiver, "V-1", 11_000), "receiverId");
        }
        Map<String, Object> sent = send(trade, "V-1", 11_000);
        Map<String, Object> overTaxed = new HashMap<>(content("V-1", 11_000));
        overTaxed.put("taxAmount", 11_001);
        assertProblem(move(trade.asSeller(), sent.get("id"), "correct", 1, correction(overTaxed, "訂正")).expectStatus()
                .isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("taxAmount"),
                "/problems/unprocessable", 422);
        assertThat(sql.count("SELECT count(*) FROM trade_document WHERE sender_id = ?", trade.seller().id())).isOne();
        assertThat(getDocument(trade.asBuyer(), sent.get("id"))).isEqualTo(sent);
    }

    @Test
    @DisplayName("[PLT-PAGE] the trade document list pages oldest first without gaps or repeats, and filters by role, kind, status, partner, transaction date and amount; an unknown kind and a page above 200 answer 400")
    void listWhenPagedAndFilteredThenStable() {
        Trade trade = trade("取引文書一覧");
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(send(trade, "LIST-" + i, 1_100L * (i + 1)).get("id"));
        }
        moved(trade.asSeller(), getDocument(trade.asSeller(), ids.get(0)), "cancel", reason("不要"));

        assertListFilters(trade.asSeller(), trade.asBuyer(), trade.seller().id(), DOCUMENTS, "transaction", ids);
        assertThat(listed(trade.asBuyer(), DOCUMENTS, "kind=delivery-note")).isEqualTo(ids);
        assertThat(listed(trade.asBuyer(), DOCUMENTS, "kind=receipt")).isEmpty();
        assertProblem(trade.asBuyer().get().uri(DOCUMENTS + "?kind=invoice").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("kind"), "/problems/validation", 400);
        trade.asBuyer().get().uri(DOCUMENTS + "?limit=200").exchange().expectStatus().isOk();
        assertProblem(trade.asBuyer().get().uri(DOCUMENTS + "?limit=201").exchange().expectStatus().isBadRequest()
                .expectBody(), "/problems/validation", 400);
    }

    private Map<String, Object> sent(WebTestClient client, Map<String, Object> body) {
        return sending(client, body).expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private long versionsOf(TestCompany sender) {
        return sql.count("SELECT count(*) FROM document_version WHERE document_type = 'trade' AND seller_id = ?",
                sender.id());
    }

    private static void unprocessable(WebTestClient client, Map<String, Object> body, String field) {
        assertProblem(sending(client, body).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field), "/problems/unprocessable", 422);
    }

    private static void invalid(WebTestClient client, Map<String, Object> body, String field) {
        assertProblem(sending(client, body).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field), "/problems/validation", 400);
    }
}
