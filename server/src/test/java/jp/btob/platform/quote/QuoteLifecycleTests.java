package jp.btob.platform.quote;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.Sql;
import jp.btob.platform.support.TradeTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Quotes through their life: drafting for a connected buyer, sending, the buyer's answers, revisions and expiry. */
class QuoteLifecycleTests extends TradeTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SVC-QUO] draft → send → revision requested → revised → accepted; totals per rate rounded once per quote; the buyer never sees the draft; each step from sending on is a version of the history")
    void lifecycleWhenRevisedThenAcceptedWithHistory() {
        Trade trade = trade("見積一巡");
        Map<String, Object> draft = draft(trade, "事務用品 1月分");

        assertThat(draft).containsEntry("status", "DRAFT").containsEntry("revision", 1).containsEntry("version", 1)
                .doesNotContainKey("issueDate");
        // 12 × 480.50 = 5766 at 10 %, 24 × 98 = 2352 at 8 %: taxes 576.6 and 188.16, each rounded down once.
        assertThat(draft.get("totals")).isEqualTo(Map.of("subtotal", 8118, "taxTotal", 764, "total", 8882,
                "breakdown", List.of(
                        Map.of("category", "standard-10", "ratePercent", 10, "taxableAmount", 5766, "taxAmount", 576),
                        Map.of("category", "reduced-8", "ratePercent", 8, "taxableAmount", 2352, "taxAmount", 188))));
        assertProblem(trade.asBuyer().get().uri("/api/v1/quotes/{id}", draft.get("id")).exchange()
                .expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);

        Map<String, Object> sent = done(trade.asSeller(), draft, "send", null);
        assertThat(sent).containsEntry("status", "SENT").containsEntry("issueDate", today().toString())
                .containsEntry("version", 2);
        trade.asBuyer().get().uri("/api/v1/quotes/{id}", draft.get("id")).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"");

        Map<String, Object> asked = done(trade.asBuyer(), sent, "request-revision", reason("単価を再検討してください。"));
        assertThat(asked).containsEntry("status", "REVISION_REQUESTED").containsEntry("responseNote", "単価を再検討してください。");

        Map<String, Object> revised = done(trade.asSeller(), asked, "revise",
                content("事務用品 1月分 改訂", today().plusDays(20), List.of(line("コピー用紙 A4 500枚", "12", "450", "standard-10"))));
        assertThat(revised).containsEntry("status", "SENT").containsEntry("revision", 2)
                .containsEntry("title", "事務用品 1月分 改訂");
        assertThat(((Map<?, ?>) revised.get("totals")).get("total")).isEqualTo(5940);

        Map<String, Object> accepted = done(trade.asBuyer(), revised, "accept", null);
        assertThat(accepted).containsEntry("status", "ACCEPTED");

        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            Map<String, Object> history = history(party, accepted.get("id")).expectStatus().isOk()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();
            assertThat(history).containsEntry("verified", true).doesNotContainKey("brokenAtVersion");
            List<?> versions = (List<?>) history.get("versions");
            assertThat(versions.stream().map(version -> String.valueOf(((Map<?, ?>) version).get("reason"))).toList())
                    .containsExactly("SENT", "REVISION_REQUESTED: 単価を再検討してください。", "SENT", "ACCEPTED");
            Map<?, ?> second = (Map<?, ?>) versions.get(1);
            assertThat(second.get("previousHash")).isEqualTo(((Map<?, ?>) versions.get(0)).get("hash"));
            assertThat((String) ((Map<?, ?>) versions.get(0)).get("content"))
                    .contains("\"title\":\"事務用品 1月分\"", "\"total\":\"8882\"").doesNotContain("\": ", ", \"");
        }
        TestCompany stranger = fixtures.company("見積部外者株式会社");
        assertProblem(history(client(login(stranger.adminLoginId())), accepted.get("id"))
                .expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
    }

    @Test
    @DisplayName("[SVC-QUO] every action from every state: the allowed moves reach their state, every other move answers 409 invalid-transition naming the current state (a buyer's action on a draft the buyer cannot see: 404)")
    void everyActionFromEveryStateThenOnlyTableMovesAllowed() {
        Trade trade = trade("見積遷移表");
        Map<String, Map<String, String>> allowed = new LinkedHashMap<>();
        allowed.put("edit", Map.of("DRAFT", "DRAFT"));
        allowed.put("send", Map.of("DRAFT", "SENT"));
        allowed.put("accept", Map.of("SENT", "ACCEPTED"));
        allowed.put("reject", Map.of("SENT", "REJECTED"));
        allowed.put("request-revision", Map.of("SENT", "REVISION_REQUESTED"));
        allowed.put("revise", Map.of("REVISION_REQUESTED", "SENT"));
        allowed.put("withdraw", Map.of("SENT", "WITHDRAWN", "REVISION_REQUESTED", "WITHDRAWN"));
        List<String> buyerActions = List.of("accept", "reject", "request-revision");
        int checked = 0;
        for (String state : List.of("DRAFT", "SENT", "ACCEPTED", "REJECTED", "REVISION_REQUESTED", "WITHDRAWN")) {
            for (Map.Entry<String, Map<String, String>> action : allowed.entrySet()) {
                Map<String, Object> quote = inState(trade, state);
                boolean byBuyer = buyerActions.contains(action.getKey());
                WebTestClient actor = byBuyer ? trade.asBuyer() : trade.asSeller();
                WebTestClient.ResponseSpec answer = perform(actor, quote, action.getKey());
                if (byBuyer && state.equals("DRAFT")) {
                    answer.expectStatus().isNotFound();
                } else {
                    expectMove(answer, action.getKey() + " from " + state, state, action.getValue().get(state));
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(42);
    }

    @Test
    @DisplayName("[SVC-QUO] an action of the other party answers 403 wrong-party and changes nothing: the seller accepting or rejecting, the buyer withdrawing or revising")
    void actionWhenOtherPartyThenWrongParty() {
        Trade trade = trade("見積当事者");
        Map<String, Object> sent = inState(trade, "SENT");
        for (String action : List.of("accept", "reject", "request-revision")) {
            assertProblem(perform(trade.asSeller(), sent, action).expectStatus().isForbidden().expectBody(),
                    "/problems/wrong-party", 403);
        }
        assertProblem(perform(trade.asBuyer(), sent, "withdraw").expectStatus().isForbidden().expectBody(),
                "/problems/wrong-party", 403);
        Map<String, Object> asked = inState(trade, "REVISION_REQUESTED");
        assertProblem(perform(trade.asBuyer(), asked, "revise").expectStatus().isForbidden().expectBody(),
                "/problems/wrong-party", 403);
        assertThat(get(trade.asSeller(), sent.get("id"))).containsEntry("status", "SENT").containsEntry("version", 2);
    }

    @Test
    @DisplayName("[PLT-TENANT] a company that is no party to the quote gets the very 404 of a quote that does not exist, on reads, changes and history")
    void quoteWhenNoPartyThenNotFound() {
        Trade trade = trade("見積他社");
        Map<String, Object> sent = inState(trade, "SENT");
        WebTestClient asStranger = client(login(fixtures.company("見積無関係株式会社").adminLoginId()));

        for (Object id : List.of(sent.get("id"), UUID.randomUUID())) {
            assertProblem(asStranger.get().uri("/api/v1/quotes/{id}", id).exchange().expectStatus().isNotFound()
                    .expectBody(), "/problems/not-found", 404);
            assertProblem(act(asStranger, id, "accept", 2, null).expectStatus().isNotFound().expectBody(),
                    "/problems/not-found", 404);
            assertProblem(history(asStranger, id).expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        }
        assertThat(asStranger.get().uri("/api/v1/quotes").exchange().expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody().get("items")).isEqualTo(List.of());
    }

    @Test
    @DisplayName("[PLT-CONC] every change needs If-Match: without it 428 precondition-required, with a stale version 412, and nothing changes")
    void changeWhenIfMatchMissingOrStaleThenRefused() {
        Trade trade = trade("見積版");
        Map<String, Object> draft = draft(trade, "版の見積");

        assertProblem(act(trade.asSeller(), draft.get("id"), "send", null, null).expectStatus().isEqualTo(428).expectBody(),
                "/problems/precondition-required", 428);
        assertProblem(trade.asSeller().put().uri("/api/v1/quotes/{id}", draft.get("id"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(content("版", today(), lines())).exchange()
                .expectStatus().isEqualTo(428).expectBody(), "/problems/precondition-required", 428);
        Map<String, Object> edited = trade.asSeller().put().uri("/api/v1/quotes/{id}", draft.get("id"))
                .header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(content("版 改", today().plusDays(5), lines())).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"").expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(edited).containsEntry("title", "版 改").containsEntry("status", "DRAFT");

        assertProblem(act(trade.asSeller(), draft.get("id"), "send", 1, null).expectStatus().isEqualTo(412).expectBody(),
                "/problems/precondition-failed", 412);
        assertThat(get(trade.asSeller(), draft.get("id"))).containsEntry("status", "DRAFT").containsEntry("version", 2);
    }

    @Test
    @DisplayName("[SVC-QUO] a quote can be accepted through its validity date and not after it, by the date in Japan: 409 quote-expired, shown as expired")
    void acceptWhenPastValidityInJapanThenExpired() {
        Trade trade = trade("見積期限");
        Map<String, Object> first = sentValidUntilToday(trade, "当日の見積");
        Map<String, Object> second = sentValidUntilToday(trade, "翌日の見積");
        done(trade.asBuyer(), first, "accept", null);

        Instant midnightInJapan = today().plusDays(1).atStartOfDay(JAPAN).toInstant();
        clock.advance(Duration.between(clock.instant(), midnightInJapan).plusSeconds(1));
        WebTestClient asBuyer = client(login(trade.buyer().adminLoginId()));

        assertProblem(act(asBuyer, second.get("id"), "accept", second.get("version"), null).expectStatus().isEqualTo(409)
                .expectBody(), "/problems/quote-expired", 409);
        assertThat(get(asBuyer, second.get("id"))).containsEntry("status", "SENT").containsEntry("expired", true);
        done(asBuyer, second, "reject", reason("期限切れのため"));
    }

    @Test
    @DisplayName("[PLT-PARTNER] a quote can only be drafted for, and sent to, an active trading partner: a stranger, oneself or a suspended partner answer 422 naming buyerId")
    void createWhenNotConnectedThenUnprocessable() {
        Trade trade = trade("見積取引先");
        TestCompany stranger = fixtures.company("見積非取引先株式会社");
        for (UUID buyer : List.of(stranger.id(), trade.seller().id(), UUID.randomUUID())) {
            assertProblem(trade.asSeller().post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(draftFor(buyer, "取引先でない")).exchange().expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("buyerId"), "/problems/unprocessable", 422);
        }
        Map<String, Object> draft = draft(trade, "停止前の下書き");
        String connection = String.valueOf(sql.rows("SELECT id FROM partner_connection WHERE inviter_id = ?",
                trade.seller().id()).get(0).get("id"));
        trade.asBuyer().post().uri("/api/v1/companies/{c}/partners/{id}/suspend", trade.buyer().id(), connection)
                .exchange().expectStatus().isOk();
        assertProblem(act(trade.asSeller(), draft.get("id"), "send", 1, null).expectStatus().isEqualTo(422).expectBody(),
                "/problems/unprocessable", 422);
        assertThat(sql.count("SELECT count(*) FROM quote WHERE seller_id = ?", trade.seller().id())).isOne();
    }

    @Test
    @DisplayName("[SVC-QUO] a quote cannot be sent once its validity date has passed: 422 naming validUntil")
    void sendWhenValidityPassedThenUnprocessable() {
        Trade trade = trade("見積過去日");
        Map<String, Object> body = draftFor(trade.buyer().id(), "過去日の見積");
        body.put("validUntil", today().minusDays(1).toString());
        Map<String, Object> draft = trade.asSeller().post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult()
                .getResponseBody();
        assertProblem(act(trade.asSeller(), draft.get("id"), "send", 1, null).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("validUntil"), "/problems/unprocessable", 422);
    }

    @Test
    @DisplayName("[SVC-QUO] the tax of each rate is rounded once for the quote by the seller company's rounding mode: half-up turns 576.6 and 188.16 into 577 and 188")
    void totalsWhenSellerRoundsHalfUpThenOnceHalfUp() {
        Trade trade = trade("見積端数");
        trade.asSeller().put().uri("/api/v1/company/invoicing").header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("issuerKind", "corporation", "taxRounding", "half-up", "paymentTermsDays", 30))
                .exchange().expectStatus().isOk();

        Map<String, Object> quote = draft(trade, "四捨五入の見積");

        assertThat(quote).containsEntry("taxRounding", "half-up");
        Map<?, ?> totals = (Map<?, ?>) quote.get("totals");
        assertThat(List.of(totals.get("taxTotal"), totals.get("total"))).containsExactly(765, 8883);
    }

    /** A new quote of the trade, brought to this state by the API. */
    private Map<String, Object> inState(Trade trade, String state) {
        Map<String, Object> quote = draft(trade, state + "の見積");
        if (state.equals("DRAFT")) {
            return quote;
        }
        quote = done(trade.asSeller(), quote, "send", null);
        return switch (state) {
            case "SENT" -> quote;
            case "ACCEPTED" -> done(trade.asBuyer(), quote, "accept", null);
            case "REJECTED" -> done(trade.asBuyer(), quote, "reject", reason("不採用"));
            case "REVISION_REQUESTED" -> done(trade.asBuyer(), quote, "request-revision", reason("再見積を"));
            case "WITHDRAWN" -> done(trade.asSeller(), quote, "withdraw", reason("取り下げ"));
            default -> throw new IllegalArgumentException(state);
        };
    }

    /** An action with the body it needs, at the quote's current version. */
    private WebTestClient.ResponseSpec perform(WebTestClient client, Map<String, Object> quote, String action) {
        Map<String, Object> contents = content("改訂", today().plusDays(10), lines());
        if (action.equals("edit")) {
            return client.put().uri("/api/v1/quotes/{id}", quote.get("id")).header("If-Match", "\"" + quote.get("version") + "\"")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(contents).exchange();
        }
        Object body = switch (action) {
            case "reject", "request-revision", "withdraw" -> reason("理由");
            case "revise" -> contents;
            default -> null;
        };
        return act(client, quote.get("id"), action, quote.get("version"), body);
    }

    private Map<String, Object> sentValidUntilToday(Trade trade, String title) {
        Map<String, Object> body = draftFor(trade.buyer().id(), title);
        body.put("validUntil", today().toString());
        Map<String, Object> draft = trade.asSeller().post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult()
                .getResponseBody();
        return done(trade.asSeller(), draft, "send", null);
    }

    private static WebTestClient.ResponseSpec history(WebTestClient client, Object quoteId) {
        return client.get().uri("/api/v1/documents/quote/{id}/history", quoteId).exchange();
    }
}
