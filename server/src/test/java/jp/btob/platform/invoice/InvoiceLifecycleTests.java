package jp.btob.platform.invoice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The life of an invoice: approval, dispute, cancellation and correction, by the right party at the right version. */
class InvoiceLifecycleTests extends InvoiceTest {

    @Test
    @DisplayName("[SVC-INV] every action from every state: the allowed moves reach their state, every other move answers 409 invalid-transition naming the current state")
    void everyActionFromEveryStateThenOnlyTableMovesAllowed() {
        Trade trade = registered("請求遷移表");
        Map<String, Map<String, String>> allowed = new LinkedHashMap<>();
        allowed.put("approve", Map.of("ISSUED", "APPROVED"));
        allowed.put("dispute", Map.of("ISSUED", "DISPUTED"));
        allowed.put("cancel", Map.of("ISSUED", "CANCELLED", "DISPUTED", "CANCELLED"));
        allowed.put("payments", Map.of("ISSUED", "ISSUED", "APPROVED", "APPROVED"));
        int checked = 0;
        for (String state : List.of("ISSUED", "APPROVED", "DISPUTED", "CANCELLED")) {
            for (Map.Entry<String, Map<String, String>> action : allowed.entrySet()) {
                Map<String, Object> invoice = inState(trade, state);
                WebTestClient actor = List.of("cancel", "payments").contains(action.getKey()) ? trade.asSeller()
                        : trade.asBuyer();
                expectMove(move(actor, invoice.get("id"), action.getKey(), invoice.get("version"), bodyOf(action.getKey())),
                        action.getKey() + " from " + state, state, action.getValue().get(state));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(16);
    }

    @Test
    @DisplayName("[SVC-INV] an action of the other party answers 403 wrong-party and changes nothing: the seller approving or disputing, the buyer cancelling or recording a payment")
    void actionWhenOtherPartyThenWrongParty() {
        Trade trade = registered("請求当事者");
        Map<String, Object> invoice = issue(trade, lines());
        for (String action : List.of("approve", "dispute")) {
            assertProblem(move(trade.asSeller(), invoice.get("id"), action, 1, bodyOf(action)).expectStatus().isForbidden()
                    .expectBody(), "/problems/wrong-party", 403);
        }
        for (String action : List.of("cancel", "payments")) {
            assertProblem(move(trade.asBuyer(), invoice.get("id"), action, 1, bodyOf(action)).expectStatus().isForbidden()
                    .expectBody(), "/problems/wrong-party", 403);
        }
        assertThat(getInvoice(trade.asSeller(), invoice.get("id"))).containsEntry("status", "ISSUED").containsEntry("version", 1);
    }

    @Test
    @DisplayName("[PLT-CONC] every action needs If-Match: without it 428 precondition-required, with a stale version 412, and nothing changes")
    void actionWhenIfMatchMissingOrStaleThenRefused() {
        Trade trade = registered("請求版");
        Map<String, Object> invoice = issue(trade, lines());
        assertProblem(move(trade.asBuyer(), invoice.get("id"), "approve", null, null).expectStatus().isEqualTo(428)
                .expectBody(), "/problems/precondition-required", 428);
        assertProblem(move(trade.asBuyer(), invoice.get("id"), "approve", 7, null).expectStatus().isEqualTo(412)
                .expectBody(), "/problems/precondition-failed", 412);
        trade.asBuyer().get().uri("/api/v1/invoices/{id}", invoice.get("id")).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");
    }

    @Test
    @DisplayName("[PLT-TENANT] a company that is no party to the invoice gets the very 404 of an invoice that does not exist, on reads, actions and history, and sees none in its list")
    void invoiceWhenNoPartyThenNotFound() {
        Trade trade = registered("請求他社");
        Map<String, Object> invoice = issue(trade, lines());
        WebTestClient asStranger = client(login(fixtures.company("請求無関係株式会社").adminLoginId()));
        for (Object id : List.of(invoice.get("id"), UUID.randomUUID())) {
            assertProblem(asStranger.get().uri("/api/v1/invoices/{id}", id).exchange().expectStatus().isNotFound()
                    .expectBody(), "/problems/not-found", 404);
            assertProblem(move(asStranger, id, "approve", 1, null).expectStatus().isNotFound().expectBody(),
                    "/problems/not-found", 404);
            assertProblem(asStranger.get().uri("/api/v1/documents/invoice/{id}/history", id).exchange()
                    .expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        }
        assertThat(asStranger.get().uri("/api/v1/invoices").exchange().expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody().get("items")).isEqualTo(List.of());
    }

    @Test
    @DisplayName("[SVC-INV] the seller cancels a disputed invoice of an order with a reason (a recorded version), its order lines can be invoiced again, and a corrected invoice links to it; correcting an invoice not cancelled 422, correcting one twice 409")
    void cancelWhenDisputedThenCorrectedAndReinvoiced() {
        Trade trade = registered("請求訂正");
        Map<String, Object> order = inspected(trade);
        Map<String, Object> first = invoicing(trade.asSeller(), order.get("id")).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        Map<String, Object> disputed = moved(trade.asBuyer(), first, "dispute", reason("数量が違います。"));
        assertThat(disputed).containsEntry("status", "DISPUTED").containsEntry("responseNote", "数量が違います。");
        Map<String, Object> cancelled = moved(trade.asSeller(), disputed, "cancel", reason("訂正して再発行します。"));
        assertThat(cancelled).containsEntry("status", "CANCELLED").containsEntry("version", 3);

        Map<String, Object> history = trade.asBuyer().get().uri("/api/v1/documents/invoice/{id}/history", first.get("id"))
                .exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(history).containsEntry("verified", true);
        assertThat(((List<?>) history.get("versions")).stream().map(v -> String.valueOf(((Map<?, ?>) v).get("reason"))).toList())
                .containsExactly("ISSUED", "DISPUTED: 数量が違います。", "CANCELLED: 訂正して再発行します。");

        invoicing(trade.asSeller(), order.get("id")).expectStatus().isCreated();

        Map<String, Object> correction = new LinkedHashMap<>(invoiceFor(trade.buyer().id(), lines()));
        correction.put("correctsId", first.get("id"));
        Map<String, Object> corrected = issuing(trade.asSeller(), correction).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(corrected).containsEntry("correctsId", first.get("id"));
        assertProblem(issuing(trade.asSeller(), correction).expectStatus().isEqualTo(409).expectBody(),
                "/problems/conflict", 409);

        correction.put("correctsId", corrected.get("id"));
        issuing(trade.asSeller(), correction).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("correctsId");
    }

    /** An invoice of the trade brought to the state. */
    private Map<String, Object> inState(Trade trade, String state) {
        Map<String, Object> invoice = issue(trade, lines());
        return switch (state) {
            case "ISSUED" -> invoice;
            case "APPROVED" -> moved(trade.asBuyer(), invoice, "approve", null);
            case "DISPUTED" -> moved(trade.asBuyer(), invoice, "dispute", reason("金額が違います。"));
            case "CANCELLED" -> moved(trade.asSeller(), invoice, "cancel", reason("誤発行です。"));
            default -> throw new IllegalArgumentException(state);
        };
    }

    private Object bodyOf(String action) {
        return switch (action) {
            case "approve" -> null;
            case "payments" -> payment(1);
            default -> reason("理由");
        };
    }
}
