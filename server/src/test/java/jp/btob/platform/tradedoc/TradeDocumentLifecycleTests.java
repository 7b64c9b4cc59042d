package jp.btob.platform.tradedoc;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

/** Trade documents through their life: sent, acknowledged, corrected, cancelled; who may do what, and when. */
class TradeDocumentLifecycleTests extends TradeDocumentTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SVC-TRADE][SVC-BOOK] sent → acknowledged → corrected with a reason (back to SENT, version 3, the notes cleared) → acknowledged → cancelled; both parties read every version in a verified chain, the one before the correction kept as it was, who and why recorded, every step on both audit trails")
    void lifecycleWhenCorrectedAndCancelledThenEveryVersionKept() {
        Trade trade = trade("取引文書一巡");
        Map<String, Object> sent = send(trade, "DN-001", 55_000);
        assertThat(sent).containsEntry("status", "SENT").containsEntry("version", 1).containsEntry("kind", "delivery-note")
                .containsEntry("senderSide", "seller").containsEntry("number", "DN-001").containsEntry("amount", 55_000)
                .containsEntry("taxAmount", 5_000).containsEntry("transactionDate", today().toString());
        assertThat(party(sent, "sender")).containsEntry("companyId", trade.seller().id().toString());
        assertThat(party(sent, "receiver")).containsEntry("companyId", trade.buyer().id().toString());
        trade.asBuyer().get().uri(DOCUMENTS + "/{id}", sent.get("id")).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");

        Map<String, Object> acknowledged = moved(trade.asBuyer(), sent, "acknowledge", null);
        assertThat(acknowledged).containsEntry("status", "ACKNOWLEDGED").containsEntry("version", 2);

        Map<String, Object> corrected = new LinkedHashMap<>(content("DN-001-R", 66_000));
        corrected.remove("notes");
        Map<String, Object> after = moved(trade.asSeller(), acknowledged, "correct", correction(corrected, "数量の誤り"));
        assertThat(after).containsEntry("status", "SENT").containsEntry("version", 3).containsEntry("number", "DN-001-R")
                .containsEntry("amount", 66_000).containsEntry("responseNote", "数量の誤り").doesNotContainKey("notes")
                .containsEntry("id", sent.get("id"));
        Map<String, Object> again = moved(trade.asBuyer(), after, "acknowledge", null);
        Map<String, Object> cancelled = moved(trade.asSeller(), again, "cancel", reason("二重送付"));
        assertThat(cancelled).containsEntry("status", "CANCELLED").containsEntry("version", 5)
                .containsEntry("responseNote", "二重送付");
        assertThat(getDocument(trade.asBuyer(), sent.get("id"))).isEqualTo(cancelled);

        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            Map<String, Object> history = history(party, sent.get("id")).expectStatus().isOk().expectBody(JSON_OBJECT)
                    .returnResult().getResponseBody();
            assertThat(history).containsEntry("verified", true).containsEntry("documentType", "trade");
            assertThat(reasons(history)).containsExactly("SENT", "ACKNOWLEDGED", "SENT (corrected): 数量の誤り",
                    "ACKNOWLEDGED", "CANCELLED: 二重送付");
            List<?> versions = (List<?>) history.get("versions");
            for (int i = 1; i < versions.size(); i++) {
                assertThat(((Map<?, ?>) versions.get(i)).get("previousHash"))
                        .isEqualTo(((Map<?, ?>) versions.get(i - 1)).get("hash"));
            }
            String before = (String) ((Map<?, ?>) versions.get(1)).get("content");
            assertThat(before).contains("\"number\":\"DN-001\"", "\"amount\":\"55000\"", "検品の上");
            String correction = (String) ((Map<?, ?>) versions.get(2)).get("content");
            assertThat(correction).contains("\"number\":\"DN-001-R\"", "\"amount\":\"66000\"").doesNotContain("検品の上");
            assertThat(((Map<?, ?>) versions.get(2)).get("actorId")).isNotNull();
        }
        assertThat(sql.count("SELECT count(*) FROM trade_document WHERE id = ?", UUID.fromString((String) sent.get("id"))))
                .as("a cancellation is recorded, the row kept").isOne();
        assertThat(sql.rows("SELECT company_id, action FROM audit_event WHERE CAST(target_id AS text) = ?"
                + " AND action LIKE 'tradedoc.%' ORDER BY company_id, seq", sent.get("id")))
                .as("every step on the audit trail of both parties").hasSize(10)
                .extracting(row -> row.get("action")).containsOnly("tradedoc.send", "tradedoc.acknowledge",
                        "tradedoc.correct", "tradedoc.cancel");
    }

    @Test
    @DisplayName("[SVC-TRADE] every action from every state: the allowed moves reach their state, every other move answers 409 invalid-transition naming the current state")
    void everyActionFromEveryStateThenOnlyTableMovesAllowed() {
        Trade trade = trade("取引文書遷移表");
        Map<String, Map<String, String>> allowed = new LinkedHashMap<>();
        allowed.put("acknowledge", Map.of("SENT", "ACKNOWLEDGED"));
        allowed.put("correct", Map.of("SENT", "SENT", "ACKNOWLEDGED", "SENT"));
        allowed.put("cancel", Map.of("SENT", "CANCELLED", "ACKNOWLEDGED", "CANCELLED"));
        int checked = 0;
        for (String state : List.of("SENT", "ACKNOWLEDGED", "CANCELLED")) {
            for (Map.Entry<String, Map<String, String>> action : allowed.entrySet()) {
                Map<String, Object> document = inState(trade, state, "遷移-" + checked);
                WebTestClient actor = action.getKey().equals("acknowledge") ? trade.asBuyer() : trade.asSeller();
                WebTestClient.ResponseSpec answer = move(actor, document.get("id"), action.getKey(),
                        document.get("version"), bodyOf(action.getKey(), "遷移-" + checked));
                expectMove(answer, action.getKey() + " from " + state, state, action.getValue().get(state));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(9);
    }

    @Test
    @DisplayName("[SVC-TRADE] an action of the other party answers 403 wrong-party and changes nothing: the receiver correcting or cancelling, the sender acknowledging")
    void actionWhenOtherPartyThenWrongParty() {
        Trade trade = trade("取引文書当事者");
        Map<String, Object> sent = send(trade, "WP-1", 11_000);
        for (String action : List.of("correct", "cancel")) {
            assertProblem(move(trade.asBuyer(), sent.get("id"), action, 1, bodyOf(action, "WP-2")).expectStatus()
                    .isForbidden().expectBody(), "/problems/wrong-party", 403);
        }
        assertProblem(move(trade.asSeller(), sent.get("id"), "acknowledge", 1, null).expectStatus().isForbidden()
                .expectBody(), "/problems/wrong-party", 403);
        assertThat(getDocument(trade.asSeller(), sent.get("id"))).isEqualTo(sent);
        assertThat(reasons(history(trade.asBuyer(), sent.get("id")).expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody())).containsExactly("SENT");
    }

    @Test
    @DisplayName("[PLT-TENANT] a company that is no party to the document gets the very 404 of a document that does not exist, on reads, actions and history, and lists none")
    void documentWhenNoPartyThenNotFound() {
        Trade trade = trade("取引文書他社");
        Map<String, Object> sent = send(trade, "NP-1", 22_000);
        WebTestClient asStranger = client(login(fixtures.company("取引文書無関係株式会社").adminLoginId()));

        for (Object id : List.of(sent.get("id"), UUID.randomUUID())) {
            assertProblem(asStranger.get().uri(DOCUMENTS + "/{id}", id).exchange().expectStatus().isNotFound()
                    .expectBody(), "/problems/not-found", 404);
            for (String action : List.of("acknowledge", "correct", "cancel")) {
                assertProblem(move(asStranger, id, action, 1, bodyOf(action, "NP-2")).expectStatus().isNotFound()
                        .expectBody(), "/problems/not-found", 404);
            }
            assertProblem(history(asStranger, id).expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        }
        assertThat(asStranger.get().uri(DOCUMENTS).exchange().expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody().get("items")).isEqualTo(List.of());
        assertThat(getDocument(trade.asBuyer(), sent.get("id"))).isEqualTo(sent);
    }

    @Test
    @DisplayName("[PLT-CONC] every action needs If-Match: without it 428 precondition-required, with a stale version 412, and nothing changes")
    void actionWhenIfMatchMissingOrStaleThenRefused() {
        Trade trade = trade("取引文書版");
        Map<String, Object> sent = send(trade, "IM-1", 33_000);
        for (String action : List.of("acknowledge", "correct", "cancel")) {
            WebTestClient actor = action.equals("acknowledge") ? trade.asBuyer() : trade.asSeller();
            assertProblem(move(actor, sent.get("id"), action, null, bodyOf(action, "IM-2")).expectStatus()
                    .isEqualTo(428).expectBody(), "/problems/precondition-required", 428);
            assertProblem(move(actor, sent.get("id"), action, 7, bodyOf(action, "IM-2")).expectStatus()
                    .isEqualTo(412).expectBody(), "/problems/precondition-failed", 412);
        }
        assertThat(getDocument(trade.asSeller(), sent.get("id"))).isEqualTo(sent);
    }

    @Test
    @DisplayName("[PLT-CONC] 8 concurrent corrections of one version: exactly one wins (200), the others answer 412; one new version in the history")
    void correctWhenConcurrentThenExactlyOneWins() throws Exception {
        Trade trade = trade("取引文書同時訂正");
        Map<String, Object> sent = send(trade, "CC-1", 44_000);
        int parallel = 8;
        List<EntityExchangeResult<byte[]>> answers = Concurrently.all(parallel, i ->
                move(trade.asSeller(), sent.get("id"), "correct", 1,
                        correction(content("CC-1", 44_000 + i), "訂正 " + i)).expectBody().returnResult());
        Map<Integer, Integer> statuses = new HashMap<>();
        for (EntityExchangeResult<byte[]> answer : answers) {
            statuses.merge(answer.getStatus().value(), 1, Integer::sum);
            if (answer.getStatus().value() == 412) {
                assertThat(new String(answer.getResponseBody(), StandardCharsets.UTF_8))
                        .contains("/problems/precondition-failed");
            }
        }
        assertThat(statuses).isEqualTo(Map.of(200, 1, 412, parallel - 1));
        assertThat(getDocument(trade.asBuyer(), sent.get("id"))).containsEntry("version", 2);
        assertThat(reasons(history(trade.asSeller(), sent.get("id")).expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody())).hasSize(2);
    }

    /** An action's body that the table's allowed moves accept; a correction to {@code number}. */
    private Object bodyOf(String action, String number) {
        return switch (action) {
            case "acknowledge" -> null;
            case "correct" -> correction(content(number, 12_100), "訂正");
            case "cancel" -> reason("取消");
            default -> throw new IllegalArgumentException(action);
        };
    }

    /** A new document brought to this state by the API. */
    private Map<String, Object> inState(Trade trade, String state, String number) {
        Map<String, Object> document = send(trade, number + "-初", 11_000);
        return switch (state) {
            case "SENT" -> document;
            case "ACKNOWLEDGED" -> moved(trade.asBuyer(), document, "acknowledge", null);
            case "CANCELLED" -> moved(trade.asSeller(), document, "cancel", reason("取消"));
            default -> throw new IllegalArgumentException(state);
        };
    }
}
