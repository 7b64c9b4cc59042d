package jp.btob.platform.specsheet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Concurrently;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Requesting spec sheets: idempotently, only from active partners, and finding them again in the list. */
class SpecSheetRequestTests extends SpecSheetTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[PLT-IDEM] requesting a sheet again with the same Idempotency-Key and body answers the first sheet, marked replayed; another body with the key 422; one sheet exists")
    void requestWhenSameKeyThenReplayed() {
        Trade trade = trade("規格書冪等");
        assertIdempotent(trade.asBuyer(), "/api/v1/spec-sheets", requestFor(trade.seller().id(), "冪等の製品"),
                requestFor(trade.seller().id(), "別の製品"));
        assertThat(sql.count("SELECT count(*) FROM spec_sheet WHERE buyer_id = ?", trade.buyer().id())).isOne();
    }

    @Test
    @DisplayName("[PLT-IDEM] 10 concurrent requests with one Idempotency-Key create exactly one sheet: every answer is that sheet (replayed) or 409 idempotency-in-progress")
    void requestWhenConcurrentDuplicatesThenOne() throws Exception {
        Trade trade = trade("規格書同時依頼");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = requestFor(trade.seller().id(), "同時に依頼される製品");
        List<EntityExchangeResult<Map<String, Object>>> answers = Concurrently.all(10, i ->
                trade.asBuyer().post().uri("/api/v1/spec-sheets").header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                        .expectBody(JSON_OBJECT).returnResult());
        Map<Integer, Integer> statuses = new HashMap<>();
        List<Object> ids = new ArrayList<>();
        for (EntityExchangeResult<Map<String, Object>> answer : answers) {
            statuses.merge(answer.getStatus().value(), 1, Integer::sum);
            if (answer.getStatus().value() == 201) {
                ids.add(answer.getResponseBody().get("id"));
            } else {
                assertThat(answer.getResponseBody()).containsEntry("type", "/problems/idempotency-in-progress");
            }
        }
        assertThat(statuses.keySet()).isSubsetOf(201, 409);
        assertThat(ids).isNotEmpty().allMatch(id -> id.equals(ids.get(0)));
        assertThat(sql.count("SELECT count(*) FROM spec_sheet WHERE buyer_id = ?", trade.buyer().id())).isOne();
    }

    @Test
    @DisplayName("[PLT-PARTNER] a sheet can only be requested from an active trading partner: a stranger, oneself or an unknown company answer 422 naming sellerId; a past due date 422 naming dueDate")
    void requestWhenNotConnectedOrPastDueThenUnprocessable() {
        Trade trade = trade("規格書取引先");
        TestCompany stranger = fixtures.company("規格書非取引先株式会社");
        for (UUID seller : List.of(stranger.id(), trade.buyer().id(), UUID.randomUUID())) {
            assertProblem(requesting(trade.asBuyer(), requestFor(seller, "製品")).expectStatus().isEqualTo(422)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("sellerId"), "/problems/unprocessable", 422);
        }
        Map<String, Object> late = requestFor(trade.seller().id(), "製品");
        late.put("dueDate", today().minusDays(1).toString());
        assertProblem(requesting(trade.asBuyer(), late).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("dueDate"), "/problems/unprocessable", 422);
        late.put("dueDate", today().toString());
        assertThat(requesting(trade.asBuyer(), late).expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult()
                .getResponseBody()).containsEntry("dueDate", today().toString());
        assertThat(sql.count("SELECT count(*) FROM spec_sheet WHERE buyer_id = ?", trade.buyer().id())).isOne();
    }

    @Test
    @DisplayName("[PLT-PAGE] the sheet list pages oldest first without gaps or repeats, and filters by role (requested, supplied), status and partner; a limit over 200 answers 400")
    void listWhenPagedAndFilteredThenStable() {
        Trade trade = trade("規格書一覧");
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(request(trade, "製品" + i).get("id"));
        }
        stepped(trade.asBuyer(), getSheet(trade.asBuyer(), ids.get(0)), "cancel", bodyOf("cancel"));
        stepped(trade.asSeller(), written(trade.asSeller(), getSheet(trade.asSeller(), ids.get(2)), content()),
                "submit", null);
        Trade other = trade("規格書一覧別");
        Object elsewhere = request(other, "別の取引の製品").get("id");

        String path = "/api/v1/spec-sheets";
        assertThat(everyPage(trade.asSeller(), path)).isEqualTo(ids);
        assertThat(listed(trade.asBuyer(), path, "role=requested")).isEqualTo(ids);
        assertThat(listed(trade.asBuyer(), path, "role=supplied")).isEmpty();
        assertThat(listed(trade.asSeller(), path, "role=supplied")).isEqualTo(ids);
        assertThat(listed(trade.asSeller(), path, "role=requested")).isEmpty();
        assertThat(listed(trade.asSeller(), path, "status=CANCELLED")).containsExactly(ids.get(0));
        assertThat(listed(trade.asBuyer(), path, "role=requested&status=SUBMITTED")).containsExactly(ids.get(2));
        assertThat(listed(trade.asBuyer(), path, "partnerId=" + trade.seller().id())).isEqualTo(ids);
        assertThat(listed(trade.asBuyer(), path, "partnerId=" + other.seller().id())).isEmpty();
        assertThat(listed(other.asBuyer(), path, "")).containsExactly(elsewhere);
        assertProblem(trade.asBuyer().get().uri(path + "?limit=201").exchange().expectStatus().isBadRequest()
                .expectBody(), "/problems/validation", 400);
    }
}
