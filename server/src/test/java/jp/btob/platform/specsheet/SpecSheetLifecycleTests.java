package jp.btob.platform.specsheet;

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

/** Spec sheets through their life: request, content, submission, return, resubmission, approval. */
class SpecSheetLifecycleTests extends SpecSheetTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SVC-SPEC] requested → written → submitted (revision 1) → returned with comments → edited → submitted (revision 2) → approved: both revisions kept as submitted and readable by both parties, every step a version of a verified history")
    void lifecycleWhenReturnedAndResubmittedThenRevisionsAndHistory() {
        Trade trade = trade("規格書一巡");
        Map<String, Object> requested = request(trade, "北海道ミルクプリン");
        assertThat(requested).containsEntry("status", "REQUESTED").containsEntry("version", 1)
                .containsEntry("revision", 0).containsEntry("productName", "北海道ミルクプリン");
        Map<?, ?> content = (Map<?, ?>) requested.get("content");
        assertThat(List.of(content.get("productName"), content.get("productCode")))
                .containsExactly("北海道ミルクプリン", "4912345678901");
        assertThat(getSheet(trade.asSeller(), requested.get("id"))).isEqualTo(requested);

        Map<String, Object> written = written(trade.asSeller(), requested, content());
        assertThat(written).containsEntry("status", "REQUESTED").containsEntry("version", 2);
        Map<String, Object> first = stepped(trade.asSeller(), written, "submit", null);
        assertThat(first).containsEntry("status", "SUBMITTED").containsEntry("revision", 1).containsKey("submittedAt");

        Map<String, Object> returned = stepped(trade.asBuyer(), first, "return",
                Map.of("comments", "くるみの混入の可能性を確認してください。"));
        assertThat(returned).containsEntry("status", "RETURNED")
                .containsEntry("responseNote", "くるみの混入の可能性を確認してください。");
        Map<String, Object> corrected = written(trade.asSeller(), returned,
                contentWith("allergens", allergens(List.of("milk", "egg", "walnut"), List.of("soybean", "gelatin"))));
        Map<String, Object> second = stepped(trade.asSeller(), corrected, "submit", null);
        assertThat(second).containsEntry("status", "SUBMITTED").containsEntry("revision", 2);
        Map<String, Object> approved = stepped(trade.asBuyer(), second, "approve", null);
        assertThat(approved).containsEntry("status", "APPROVED").containsEntry("revision", 2)
                .containsEntry("version", 7);

        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            Map<String, Object> one = revision(party, requested.get("id"), 1).expectStatus().isOk()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();
            assertThat(one).containsEntry("revision", 1).containsEntry("content", first.get("content"));
            assertThat(((Map<?, ?>) ((Map<?, ?>) one.get("content")).get("allergens")).get("mandatory"))
                    .isEqualTo(List.of("milk", "egg"));
            Map<String, Object> two = revision(party, requested.get("id"), 2).expectStatus().isOk()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();
            assertThat(two).containsEntry("content", approved.get("content"));
            assertThat(((Map<?, ?>) ((Map<?, ?>) two.get("content")).get("allergens")).get("mandatory"))
                    .isEqualTo(List.of("milk", "egg", "walnut"));
            assertProblem(revision(party, requested.get("id"), 3).expectStatus().isNotFound().expectBody(),
                    "/problems/not-found", 404);

            Map<String, Object> history = history(party, requested.get("id")).expectStatus().isOk()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();
            assertThat(history).containsEntry("verified", true).containsEntry("documentType", "spec-sheet");
            List<?> versions = (List<?>) history.get("versions");
            assertThat(versions.stream().map(version -> String.valueOf(((Map<?, ?>) version).get("reason"))).toList())
                    .containsExactly("REQUESTED", "REQUESTED: content written", "SUBMITTED: revision 1",
                            "RETURNED: くるみの混入の可能性を確認してください。", "RETURNED: content written",
                            "SUBMITTED: revision 2", "APPROVED: revision 2");
            for (int i = 1; i < versions.size(); i++) {
                assertThat(((Map<?, ?>) versions.get(i)).get("previousHash"))
                        .isEqualTo(((Map<?, ?>) versions.get(i - 1)).get("hash"));
            }
            assertThat((String) ((Map<?, ?>) versions.get(6)).get("content")).contains("\"walnut\"")
                    .contains("\"percentage\":\"62.5\"");
        }
        assertThat(sql.count("SELECT count(*) FROM spec_sheet_revision WHERE spec_sheet_id = ?",
                UUID.fromString((String) requested.get("id")))).isEqualTo(2);
    }

    @Test
    @DisplayName("[SVC-SPEC] every action from every state: the allowed moves reach their state, every other move answers 409 invalid-transition naming the current state")
    void everyActionFromEveryStateThenOnlyTableMovesAllowed() {
        Trade trade = trade("規格書遷移表");
        Map<String, Map<String, String>> allowed = new LinkedHashMap<>();
        allowed.put("content", Map.of("REQUESTED", "REQUESTED", "RETURNED", "RETURNED"));
        allowed.put("submit", Map.of("REQUESTED", "SUBMITTED", "RETURNED", "SUBMITTED"));
        allowed.put("approve", Map.of("SUBMITTED", "APPROVED"));
        allowed.put("return", Map.of("SUBMITTED", "RETURNED"));
        allowed.put("cancel", Map.of("REQUESTED", "CANCELLED", "SUBMITTED", "CANCELLED", "RETURNED", "CANCELLED"));
        List<String> sellerActions = List.of("content", "submit");
        int checked = 0;
        for (String state : List.of("REQUESTED", "SUBMITTED", "RETURNED", "APPROVED", "CANCELLED")) {
            for (Map.Entry<String, Map<String, String>> action : allowed.entrySet()) {
                Map<String, Object> sheet = inState(trade, state);
                WebTestClient actor = sellerActions.contains(action.getKey()) ? trade.asSeller() : trade.asBuyer();
                WebTestClient.ResponseSpec answer = "content".equals(action.getKey())
                        ? writing(actor, sheet.get("id"), sheet.get("version"), content())
                        : step(actor, sheet.get("id"), action.getKey(), sheet.get("version"), bodyOf(action.getKey()));
                expectMove(answer, action.getKey() + " from " + state, state, action.getValue().get(state));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(25);
    }

    @Test
    @DisplayName("[SVC-SPEC] a step of the other party answers 403 wrong-party and changes nothing: the buyer writing or submitting, the seller approving, returning or cancelling")
    void actionWhenOtherPartyThenWrongParty() {
        Trade trade = trade("規格書当事者");
        Map<String, Object> requested = inState(trade, "REQUESTED");
        Map<String, Object> submitted = inState(trade, "SUBMITTED");
        assertProblem(writing(trade.asBuyer(), requested.get("id"), requested.get("version"), content())
                .expectStatus().isForbidden().expectBody(), "/problems/wrong-party", 403);
        assertProblem(step(trade.asBuyer(), requested.get("id"), "submit", requested.get("version"), null)
                .expectStatus().isForbidden().expectBody(), "/problems/wrong-party", 403);
        for (String action : List.of("approve", "return", "cancel")) {
            assertProblem(step(trade.asSeller(), submitted.get("id"), action, submitted.get("version"), bodyOf(action))
                    .expectStatus().isForbidden().expectBody(), "/problems/wrong-party", 403);
        }
        assertThat(getSheet(trade.asSeller(), requested.get("id"))).isEqualTo(requested);
        assertThat(getSheet(trade.asBuyer(), submitted.get("id"))).isEqualTo(submitted);
    }

    @Test
    @DisplayName("[PLT-TENANT] a company that is no party to the sheet gets the very 404 of a sheet that does not exist, on reads, content, actions, revisions and history, and sees none in its list")
    void sheetWhenNoPartyThenNotFound() {
        Trade trade = trade("規格書他社");
        Map<String, Object> submitted = inState(trade, "SUBMITTED");
        WebTestClient asStranger = client(login(fixtures.company("規格書無関係株式会社").adminLoginId()));

        for (Object id : List.of(submitted.get("id"), UUID.randomUUID())) {
            assertProblem(asStranger.get().uri("/api/v1/spec-sheets/{id}", id).exchange().expectStatus().isNotFound()
                    .expectBody(), "/problems/not-found", 404);
            assertProblem(writing(asStranger, id, 1, content()).expectStatus().isNotFound().expectBody(),
                    "/problems/not-found", 404);
            for (String action : List.of("submit", "approve", "return", "cancel")) {
                assertProblem(step(asStranger, id, action, submitted.get("version"), bodyOf(action)).expectStatus()
                        .isNotFound().expectBody(), "/problems/not-found", 404);
            }
            assertProblem(revision(asStranger, id, 1).expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
            assertProblem(history(asStranger, id).expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        }
        assertThat(asStranger.get().uri("/api/v1/spec-sheets").exchange().expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody().get("items")).isEqualTo(List.of());
        assertThat(getSheet(trade.asBuyer(), submitted.get("id"))).isEqualTo(submitted);
    }

    @Test
    @DisplayName("[PLT-CONC] reads answer the version as ETag; writing and every action need If-Match: without it 428, with a stale version 412, and nothing changes")
    void changeWhenIfMatchMissingOrStaleThenRefused() {
        Trade trade = trade("規格書版");
        Map<String, Object> requested = inState(trade, "REQUESTED");
        trade.asBuyer().get().uri("/api/v1/spec-sheets/{id}", requested.get("id")).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"" + requested.get("version") + "\"");

        assertProblem(writing(trade.asSeller(), requested.get("id"), null, content()).expectStatus().isEqualTo(428)
                .expectBody(), "/problems/precondition-required", 428);
        assertProblem(writing(trade.asSeller(), requested.get("id"), 1, content()).expectStatus().isEqualTo(412)
                .expectBody(), "/problems/precondition-failed", 412);
        assertProblem(step(trade.asSeller(), requested.get("id"), "submit", null, null).expectStatus().isEqualTo(428)
                .expectBody(), "/problems/precondition-required", 428);
        assertProblem(step(trade.asBuyer(), requested.get("id"), "cancel", 1, bodyOf("cancel")).expectStatus()
                .isEqualTo(412).expectBody(), "/problems/precondition-failed", 412);
        assertThat(getSheet(trade.asSeller(), requested.get("id"))).isEqualTo(requested);
    }

    @Test
    @DisplayName("[PLT-CONC] 8 concurrent submissions of one sheet at the same version: exactly one 200, the others 412; one revision kept")
    void submitWhenConcurrentThenExactlyOne() throws Exception {
        Trade trade = trade("規格書同時提出");
        Map<String, Object> requested = inState(trade, "REQUESTED");
        int parallel = 8;
        List<EntityExchangeResult<byte[]>> answers = Concurrently.all(parallel, i ->
                step(trade.asSeller(), requested.get("id"), "submit", requested.get("version"), null)
                        .expectBody().returnResult());
        Map<Integer, Integer> statuses = new HashMap<>();
        for (EntityExchangeResult<byte[]> answer : answers) {
            statuses.merge(answer.getStatus().value(), 1, Integer::sum);
            if (answer.getStatus().value() == 412) {
                assertThat(new String(answer.getResponseBody(), StandardCharsets.UTF_8))
                        .contains("/problems/precondition-failed");
            }
        }
        assertThat(statuses).isEqualTo(Map.of(200, 1, 412, parallel - 1));
        assertThat(sql.count("SELECT count(*) FROM spec_sheet_revision WHERE spec_sheet_id = ?",
                UUID.fromString((String) requested.get("id")))).isOne();
        assertThat(getSheet(trade.asBuyer(), requested.get("id"))).containsEntry("revision", 1);
    }
}
