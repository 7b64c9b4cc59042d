package jp.btob.platform.support;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Fixtures.TestCompany;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.PartnerSteps.accept;
import static jp.btob.platform.support.PartnerSteps.invite;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests of trade documents between two connected companies, with the steps of a quote's life. */
public abstract class TradeTest extends IntegrationTest {

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    protected static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** Two connected companies and their administrators' clients. */
    public record Trade(TestCompany seller, TestCompany buyer, WebTestClient asSeller, WebTestClient asBuyer) {
    }

    /** A seller and a buyer, connected as active trading partners. */
    protected Trade trade(String name) {
        TestCompany seller = fixtures.company(name + "売手株式会社");
        TestCompany buyer = fixtures.company(name + "買手株式会社");
        WebTestClient asSeller = client(login(seller.adminLoginId()));
        WebTestClient asBuyer = client(login(buyer.adminLoginId()));
        accept(asBuyer, buyer.id(), invite(asSeller, seller.id(), buyer.code(), null));
        return new Trade(seller, buyer, asSeller, asBuyer);
    }

    /** Today in Japan, by the platform's clock. */
    protected LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), JAPAN);
    }

    /** A 10 % line and an 8 % line. */
    protected static List<Map<String, Object>> lines() {
        return List.of(line("コピー用紙 A4 500枚", "12", "480.50", "standard-10"),
                line("緑茶 ペットボトル 500ml", "24", "98", "reduced-8"));
    }

    protected static Map<String, Object> line(String description, String quantity, String unitPrice, String category) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("description", description);
        line.put("quantity", quantity);
        line.put("unit", "個");
        line.put("unitPrice", unitPrice);
        line.put("taxCategory", category);
        return line;
    }

    /** The contents of a quote, as a draft's edit or a revision sends them. */
    protected static Map<String, Object> content(String title, LocalDate validUntil, List<Map<String, Object>> lines) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("title", title);
        content.put("validUntil", validUntil.toString());
        content.put("notes", "納品は発注後5営業日以内です。");
        content.put("lines", lines);
        return content;
    }

    protected Map<String, Object> draftFor(UUID buyerId, String title) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("buyerId", buyerId.toString());
        draft.putAll(content(title, today().plusDays(30), lines()));
        return draft;
    }

    /** Drafts a quote for the trade's buyer; answers it. */
    protected Map<String, Object> draft(Trade trade, String title) {
        return trade.asSeller().post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(draftFor(trade.buyer().id(), title)).exchange()
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    /** Takes an action on a quote at the version given, with the body given (none when null). */
    protected static WebTestClient.ResponseSpec act(WebTestClient client, Object quoteId, String action, Object version,
                                                    Object body) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/quotes/{id}/{action}", quoteId, action);
        if (version != null) {
            request.header("If-Match", "\"" + version + "\"");
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        return request.exchange();
    }

    /** Takes an action that must succeed; answers the quote after it. */
    protected static Map<String, Object> done(WebTestClient client, Map<String, Object> quote, String action, Object body) {
        EntityExchangeResult<Map<String, Object>> result = act(client, quote.get("id"), action, quote.get("version"), body)
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult();
        return result.getResponseBody();
    }

    protected static Map<String, Object> reason(String reason) {
        return Map.of("reason", reason);
    }

    /**
     * One cell of a document's transition table: with a state to reach the action answers 200 in
     * that state; without one, 409 invalid-transition naming the state it was refused in.
     */
    protected static void expectMove(WebTestClient.ResponseSpec answer, String label, String state, String to) {
        if (to != null) {
            answer.expectStatus().isOk().expectBody().jsonPath("$.status").value(status ->
                    assertThat(status).as(label).isEqualTo(to));
            return;
        }
        WebTestClient.BodyContentSpec problem = answer.expectStatus().isEqualTo(409).expectBody();
        assertProblem(problem, "/problems/invalid-transition", 409);
        problem.jsonPath("$.detail").value(detail -> assertThat((String) detail).as(label).contains(state));
    }

    /**
     * Creating again at {@code path} with the same Idempotency-Key and body answers the first
     * creation, marked replayed; another body with the key 422 idempotency-key-reused.
     */
    protected static void assertIdempotent(WebTestClient client, String path, Map<String, Object> body,
                                           Map<String, Object> other) {
        String key = UUID.randomUUID().toString();
        Map<String, Object> first = keyed(client, path, key, body).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        Map<String, Object> again = keyed(client, path, key, body).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(again).isEqualTo(first);
        assertProblem(keyed(client, path, key, other).expectStatus().isEqualTo(422).expectBody(),
                "/problems/idempotency-key-reused", 422);
    }

    private static WebTestClient.ResponseSpec keyed(WebTestClient client, String path, String key,
                                                    Map<String, Object> body) {
        return client.post().uri(path).header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    /**
     * A list of five documents {@code ids} that the sender's company sent, oldest first, the first
     * of them cancelled, the i-th (from 0) of total 1 100 × (i + 1) yen: paged by its cursors
     * without gaps or repeats, and filtered by role, status, partner, date range and total.
     *
     * @param dateParameter the prefix of the date range's parameters ({@code ordered} for {@code orderedFrom})
     */
    protected void assertListFilters(WebTestClient sender, WebTestClient receiver, UUID senderId, String path,
                                     String dateParameter, List<Object> ids) {
        assertThat(everyPage(receiver, path)).isEqualTo(ids);
        assertThat(listed(sender, path, "role=sent")).isEqualTo(ids);
        assertThat(listed(sender, path, "role=received")).isEmpty();
        assertThat(listed(receiver, path, "role=received&status=CANCELLED")).containsExactly(ids.get(0));
        assertThat(listed(receiver, path, "partnerId=" + senderId + "&minTotal=3300&maxTotal=4400"))
                .containsExactly(ids.get(2), ids.get(3));
        assertThat(listed(receiver, path, dateParameter + "From=" + today() + "&" + dateParameter + "To=" + today()))
                .isEqualTo(ids);
        assertThat(listed(receiver, path, dateParameter + "From=" + today().plusDays(1))).isEmpty();
    }

    /** The IDs of the one page of a list that {@code path?query} answers. */
    protected static List<Object> listed(WebTestClient client, String path, String query) {
        Map<String, Object> page = client.get().uri(path + "?" + query).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        return ((List<?>) page.get("items")).stream().map(item -> ((Map<?, ?>) item).get("id")).map(Object.class::cast)
                .toList();
    }

    /** The IDs of every page of a list read two at a time by its cursors, each page checked to hold at most two. */
    protected static List<Object> everyPage(WebTestClient client, String path) {
        List<Object> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = client.get().uri(path + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
            List<?> items = (List<?>) page.get("items");
            assertThat(items).hasSizeLessThanOrEqualTo(2);
            items.forEach(item -> seen.add(((Map<?, ?>) item).get("id")));
            cursor = (String) ((Map<?, ?>) page.get("page")).get("nextCursor");
        } while (cursor != null);
        return seen;
    }

    protected static Map<String, Object> get(WebTestClient client, Object quoteId) {
        return client.get().uri("/api/v1/quotes/{id}", quoteId).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }
}
