package jp.btob.platform.order;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Fixtures.TestCompany;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Orders through their life: placing, confirmation per line, shipments, inspection and returns. */
class OrderLifecycleTests extends OrderTest {

    @Test
    @DisplayName("[SVC-ORD-LITE] placed with free-form lines → confirmed per line (one declined) → shipped in two parts → inspected in two → part returned; totals of the confirmed quantities per rate; billable = accepted − returned; every step a version of a verified history both parties read")
    void lifecycleWhenShippedInspectedReturnedThenQuantitiesAndHistory() {
        Trade trade = trade("発注一巡");
        Map<String, Object> placed = place(trade, lines());
        assertThat(placed).containsEntry("status", "PLACED").containsEntry("version", 1)
                .containsEntry("orderDate", today().toString());
        assertThat(((Map<?, ?>) placed.get("totals")).get("total")).isEqualTo(8882);
        getOrder(trade.asSeller(), placed.get("id"));

        Map<String, Object> confirmed = stepped(trade.asSeller(), placed, "confirm", quantities(1, "10", 2, "0"));
        assertThat(confirmed).containsEntry("status", "CONFIRMED");
        assertThat(lineOf(confirmed, 1)).containsEntry("ordered", "12").containsEntry("confirmed", "10");
        assertThat(lineOf(confirmed, 2)).containsEntry("confirmed", "0");
        // 10 × 480.50 = 4805 at 10 %: tax 480.5 rounded down once; the declined 8 % line counts nothing.
        assertThat(((Map<?, ?>) confirmed.get("totals")).get("total")).isEqualTo(5285);

        Map<String, Object> part = stepped(trade.asSeller(), confirmed, "ship", quantities(1, "4"));
        assertThat(part).containsEntry("status", "PARTIALLY_SHIPPED");
        Map<String, Object> shipped = stepped(trade.asSeller(), part, "ship", quantities(1, "6"));
        assertThat(shipped).containsEntry("status", "SHIPPED");

        Map<String, Object> first = stepped(trade.asBuyer(), shipped, "inspect", inspection(1, "8", "1"));
        assertThat(first).containsEntry("status", "SHIPPED").containsEntry("lastInspectionDate", today().toString());
        Map<String, Object> inspected = stepped(trade.asBuyer(), first, "inspect", inspection(1, "1", "0"));
        assertThat(inspected).containsEntry("status", "INSPECTED");

        Map<String, Object> returned = stepped(trade.asBuyer(), inspected, "return", returning(1, "2"));
        assertThat(returned).containsEntry("status", "INSPECTED").containsEntry("responseNote", "破損していました。");
        assertThat(lineOf(returned, 1)).containsEntry("shipped", "10").containsEntry("accepted", "9")
                .containsEntry("rejected", "1").containsEntry("returned", "2").containsEntry("billable", "7");

        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            Map<String, Object> history = history(party, placed.get("id")).expectStatus().isOk()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();
            assertThat(history).containsEntry("verified", true).containsEntry("documentType", "order");
            List<?> versions = (List<?>) history.get("versions");
            assertThat(versions.stream().map(version -> String.valueOf(((Map<?, ?>) version).get("reason"))).toList())
                    .containsExactly("PLACED", "CONFIRMED", "PARTIALLY_SHIPPED", "SHIPPED",
                            "SHIPPED: inspected " + today(), "INSPECTED: inspected " + today(),
                            "INSPECTED: 破損していました。");
            for (int i = 1; i < versions.size(); i++) {
                assertThat(((Map<?, ?>) versions.get(i)).get("previousHash"))
                        .isEqualTo(((Map<?, ?>) versions.get(i - 1)).get("hash"));
            }
            assertThat((String) ((Map<?, ?>) versions.get(6)).get("content")).contains("\"returned\":\"2\"");
        }
    }

    @Test
    @DisplayName("[SVC-ORD] every action from every state: the allowed moves reach their state, every other move answers 409 invalid-transition naming the current state")
    void everyActionFromEveryStateThenOnlyTableMovesAllowed() {
        Trade trade = trade("発注遷移表");
        Map<String, Map<String, String>> allowed = new LinkedHashMap<>();
        allowed.put("confirm", Map.of("PLACED", "CONFIRMED"));
        allowed.put("reject", Map.of("PLACED", "REJECTED"));
        allowed.put("cancel", Map.of("PLACED", "CANCELLED"));
        allowed.put("ship", Map.of("CONFIRMED", "PARTIALLY_SHIPPED", "PARTIALLY_SHIPPED", "PARTIALLY_SHIPPED"));
        allowed.put("inspect", Map.of("PARTIALLY_SHIPPED", "PARTIALLY_SHIPPED", "SHIPPED", "SHIPPED"));
        allowed.put("return", Map.of("PARTIALLY_SHIPPED", "PARTIALLY_SHIPPED", "SHIPPED", "SHIPPED",
                "INSPECTED", "INSPECTED"));
        List<String> buyerActions = List.of("cancel", "inspect", "return");
        int checked = 0;
        for (String state : List.of("PLACED", "CONFIRMED", "REJECTED", "CANCELLED", "PARTIALLY_SHIPPED", "SHIPPED",
                "INSPECTED")) {
            for (Map.Entry<String, Map<String, String>> action : allowed.entrySet()) {
                Map<String, Object> order = inState(trade, state);
                WebTestClient actor = buyerActions.contains(action.getKey()) ? trade.asBuyer() : trade.asSeller();
                WebTestClient.ResponseSpec answer = step(actor, order.get("id"), action.getKey(), order.get("version"),
                        bodyOf(action.getKey()));
                expectMove(answer, action.getKey() + " from " + state, state, action.getValue().get(state));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(42);
    }

    @Test
    @DisplayName("[SVC-ORD] an action of the other party answers 403 wrong-party and changes nothing: the seller cancelling, inspecting or returning, the buyer confirming, rejecting or shipping")
    void actionWhenOtherPartyThenWrongParty() {
        Trade trade = trade("発注当事者");
        Map<String, Object> placed = inState(trade, "PLACED");
        Map<String, Object> shipped = inState(trade, "SHIPPED");
        for (String action : List.of("cancel", "inspect", "return")) {
            assertProblem(step(trade.asSeller(), shipped.get("id"), action, shipped.get("version"), bodyOf(action))
                    .expectStatus().isForbidden().expectBody(), "/problems/wrong-party", 403);
        }
        for (String action : List.of("confirm", "reject")) {
            assertProblem(step(trade.asBuyer(), placed.get("id"), action, placed.get("version"), bodyOf(action))
                    .expectStatus().isForbidden().expectBody(), "/problems/wrong-party", 403);
        }
        assertProblem(step(trade.asBuyer(), shipped.get("id"), "ship", shipped.get("version"), bodyOf("ship"))
                .expectStatus().isForbidden().expectBody(), "/problems/wrong-party", 403);
        assertThat(getOrder(trade.asSeller(), placed.get("id"))).containsEntry("status", "PLACED").containsEntry("version", 1);
        assertThat(getOrder(trade.asBuyer(), shipped.get("id"))).containsEntry("version", shipped.get("version"));
    }

    @Test
    @DisplayName("[SVC-ORD] quantities against the rules answer 422 naming the line, and nothing changes: over-confirming, declining every line, over-shipping, over-inspecting, over-returning, a line the order does not have, a line named twice")
    void quantitiesWhenOverTheRulesThenUnprocessableNamingLine() {
        Trade trade = trade("発注数量");
        Map<String, Object> placed = inState(trade, "PLACED");
        unprocessable(trade.asSeller(), placed, "confirm", quantities(1, "5"), "lines[0].quantity");
        unprocessable(trade.asSeller(), placed, "confirm", quantities(1, "0"), "lines");
        unprocessable(trade.asSeller(), placed, "confirm", quantities(2, "1"), "lines[0].line");
        unprocessable(trade.asSeller(), placed, "confirm", quantities(1, "1", 1, "2"), "lines[1].line");

        Map<String, Object> part = inState(trade, "PARTIALLY_SHIPPED");
        unprocessable(trade.asSeller(), part, "ship", quantities(1, "2.001"), "lines[0].quantity");
        unprocessable(trade.asBuyer(), part, "inspect", inspection(1, "1", "0.5"), "lines[0].quantity");
        unprocessable(trade.asBuyer(), part, "return", returning(1, "1.5"), "lines[0].quantity");
        stepped(trade.asSeller(), part, "ship", quantities(1, "2"));

        Map<String, Object> inspected = inState(trade, "INSPECTED");
        unprocessable(trade.asBuyer(), inspected, "return", returning(1, "4.5"), "lines[0].quantity");
        assertThat(lineOf(stepped(trade.asBuyer(), inspected, "return", returning(1, "4")), 1))
                .containsEntry("billable", "0");
    }

    @Test
    @DisplayName("[PLT-TENANT] a company that is no party to the order gets the very 404 of an order that does not exist, on reads, actions and history, and sees none in its list")
    void orderWhenNoPartyThenNotFound() {
        Trade trade = trade("発注他社");
        Map<String, Object> placed = inState(trade, "PLACED");
        WebTestClient asStranger = client(login(fixtures.company("発注無関係株式会社").adminLoginId()));

        for (Object id : List.of(placed.get("id"), UUID.randomUUID())) {
            assertProblem(asStranger.get().uri("/api/v1/orders/{id}", id).exchange().expectStatus().isNotFound()
                    .expectBody(), "/problems/not-found", 404);
            assertProblem(step(asStranger, id, "cancel", 1, bodyOf("cancel")).expectStatus().isNotFound().expectBody(),
                    "/problems/not-found", 404);
            assertProblem(history(asStranger, id).expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        }
        assertThat(asStranger.get().uri("/api/v1/orders").exchange().expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody().get("items")).isEqualTo(List.of());
    }

    @Test
    @DisplayName("[PLT-CONC] every action needs If-Match: without it 428 precondition-required, with a stale version 412, and nothing changes")
    void actionWhenIfMatchMissingOrStaleThenRefused() {
        Trade trade = trade("発注版");
        Map<String, Object> placed = inState(trade, "PLACED");
        assertProblem(step(trade.asSeller(), placed.get("id"), "confirm", null, Map.of()).expectStatus().isEqualTo(428)
                .expectBody(), "/problems/precondition-required", 428);
        assertProblem(step(trade.asSeller(), placed.get("id"), "confirm", 7, Map.of()).expectStatus().isEqualTo(412)
                .expectBody(), "/problems/precondition-failed", 412);
        trade.asBuyer().get().uri("/api/v1/orders/{id}", placed.get("id")).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");
        assertThat(getOrder(trade.asSeller(), placed.get("id"))).containsEntry("status", "PLACED");
    }

    @Test
    @DisplayName("[PLT-PARTNER] an order can only be placed with an active trading partner: a stranger, oneself or an unknown company answer 422 naming sellerId")
    void placeWhenNotConnectedThenUnprocessable() {
        Trade trade = trade("発注取引先");
        TestCompany stranger = fixtures.company("発注非取引先株式会社");
        for (UUID seller : List.of(stranger.id(), trade.buyer().id(), UUID.randomUUID())) {
            assertProblem(placing(trade.asBuyer(), orderFor(seller, lines())).expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("sellerId"), "/problems/unprocessable", 422);
        }
    }

    private void unprocessable(WebTestClient client, Map<String, Object> order, String action, Object body, String field) {
        assertProblem(step(client, order.get("id"), action, order.get("version"), body).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field), "/problems/unprocessable", 422);
    }

    /** An action's body that the table's allowed moves accept on an order of {@link #inState}. */
    private Object bodyOf(String action) {
        return switch (action) {
            case "confirm" -> Map.of();
            case "reject", "cancel" -> reason("理由");
            case "ship" -> quantities(1, "1");
            case "inspect" -> inspection(1, "1", "0");
            case "return" -> returning(1, "1");
            default -> throw new IllegalArgumentException(action);
        };
    }

    /**
     * A new order of one line of 4, brought to this state by the API: partly shipped (2) and
     * shipped (4) orders have 1 accepted and more awaiting inspection, so every action of the
     * table can be taken from them.
     */
    private Map<String, Object> inState(Trade trade, String state) {
        Map<String, Object> order = place(trade, List.of(line("トナー", "4", "5000", "standard-10")));
        return switch (state) {
            case "PLACED" -> order;
            case "REJECTED" -> stepped(trade.asSeller(), order, "reject", reason("在庫切れ"));
            case "CANCELLED" -> stepped(trade.asBuyer(), order, "cancel", reason("不要になりました"));
            default -> beyondConfirmed(trade, stepped(trade.asSeller(), order, "confirm", Map.of()), state);
        };
    }

    private Map<String, Object> beyondConfirmed(Trade trade, Map<String, Object> order, String state) {
        return switch (state) {
            case "CONFIRMED" -> order;
            case "PARTIALLY_SHIPPED" -> stepped(trade.asBuyer(),
                    stepped(trade.asSeller(), order, "ship", quantities(1, "2")), "inspect", inspection(1, "1", "0"));
            case "SHIPPED" -> stepped(trade.asBuyer(),
                    stepped(trade.asSeller(), order, "ship", quantities(1, "4")), "inspect", inspection(1, "1", "0"));
            case "INSPECTED" -> stepped(trade.asBuyer(),
                    stepped(trade.asSeller(), order, "ship", quantities(1, "4")), "inspect", inspection(1, "4", "0"));
            default -> throw new IllegalArgumentException(state);
        };
    }
}
