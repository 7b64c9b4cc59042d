package jp.btob.platform.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.btob.platform.support.TradeTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriBuilder;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The quote list: cursor pages in a stable order, each filter alone and combined, and the page-size limit. */
class QuoteListTests extends TradeTest {

    @Test
    @DisplayName("[PLT-PAGE] pages of the quote list follow one another in creation order without gap or repeat, a quote created between two pages comes last, never shifting the pages read")
    void pagesWhenQuoteAddedMeanwhileThenStableOrder() {
        Trade trade = trade("見積頁");
        List<Object> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(draft(trade, "頁の見積 " + i).get("id"));
        }

        List<Object> seen = new ArrayList<>();
        Map<String, Object> page = page(trade.asSeller(), uri -> uri.queryParam("limit", 2));
        seen.addAll(ids(page));
        created.add(draft(trade, "途中の見積").get("id"));
        while (nextCursor(page) != null) {
            String cursor = nextCursor(page);
            page = page(trade.asSeller(), uri -> uri.queryParam("limit", 2).queryParam("cursor", cursor));
            seen.addAll(ids(page));
        }

        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    @DisplayName("[PLT-PAGE] filters alone and combined: role, status, partner, issue-date range and total range; the buyer never lists a draft")
    void filtersWhenCombinedThenOnlyMatchingQuotes() {
        Trade trade = trade("見積絞込");
        Trade other = trade("見積絞込別");
        Map<String, Object> draft = draft(trade, "下書き");
        Map<String, Object> sent = done(trade.asSeller(), draft(trade, "送付済"), "send", null);
        Map<String, Object> small = done(trade.asSeller(), smallDraft(trade), "send", null);
        Map<String, Object> accepted = done(trade.asBuyer(), done(trade.asSeller(), draft(trade, "承諾済"), "send", null),
                "accept", null);

        assertThat(ids(page(trade.asSeller(), uri -> uri.queryParam("role", "sent"))))
                .containsExactly(draft.get("id"), sent.get("id"), small.get("id"), accepted.get("id"));
        assertThat(ids(page(trade.asSeller(), uri -> uri.queryParam("role", "received")))).isEmpty();
        assertThat(ids(page(trade.asBuyer(), uri -> uri.queryParam("role", "received"))))
                .containsExactly(sent.get("id"), small.get("id"), accepted.get("id"));
        assertThat(ids(page(trade.asSeller(), uri -> uri.queryParam("status", "SENT"))))
                .containsExactly(sent.get("id"), small.get("id"));
        assertThat(ids(page(trade.asBuyer(), uri -> uri.queryParam("partnerId", trade.seller().id()))))
                .containsExactly(sent.get("id"), small.get("id"), accepted.get("id"));
        assertThat(ids(page(trade.asBuyer(), uri -> uri.queryParam("partnerId", other.seller().id())))).isEmpty();
        assertThat(ids(page(trade.asSeller(), uri -> uri.queryParam("minTotal", 1000)))).doesNotContain(small.get("id"))
                .contains(sent.get("id"));
        assertThat(ids(page(trade.asSeller(), uri -> uri.queryParam("maxTotal", 110).queryParam("status", "SENT"))))
                .containsExactly(small.get("id"));
        assertThat(ids(page(trade.asSeller(), uri -> uri.queryParam("issuedFrom", today()).queryParam("issuedTo", today())
                .queryParam("role", "sent")))).containsExactly(sent.get("id"), small.get("id"), accepted.get("id"));
        assertThat(ids(page(trade.asSeller(), uri -> uri.queryParam("issuedFrom", today().plusDays(1))))).isEmpty();
    }

    @Test
    @DisplayName("[PLT-PAGE] a page holds at most 200 quotes: 201 answers 400, and a cursor this API did not hand out answers 400")
    void limitWhenAboveMaximumThenBadRequest() {
        WebTestClient asSeller = trade("見積上限").asSeller();
        page(asSeller, uri -> uri.queryParam("limit", 200));
        assertProblem(asSeller.get().uri(uri -> uri.path("/api/v1/quotes").queryParam("limit", 201).build()).exchange()
                .expectStatus().isBadRequest().expectBody(), "/problems/validation", 400);
        assertProblem(asSeller.get().uri(uri -> uri.path("/api/v1/quotes").queryParam("cursor", "bm90LWEtY3Vyc29y").build())
                .exchange().expectStatus().isBadRequest().expectBody(), "/problems/validation", 400);
    }

    /** A quote of one 100-yen line: 110 yen with tax. */
    private Map<String, Object> smallDraft(Trade trade) {
        Map<String, Object> body = draftFor(trade.buyer().id(), "少額");
        body.put("lines", List.of(line("封筒", "1", "100", "standard-10")));
        return trade.asSeller().post().uri("/api/v1/quotes").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult()
                .getResponseBody();
    }

    private static Map<String, Object> page(WebTestClient client, java.util.function.Function<UriBuilder, UriBuilder> query) {
        return client.get().uri(uri -> query.apply(uri.path("/api/v1/quotes")).build()).exchange()
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private static List<Object> ids(Map<String, Object> page) {
        return ((List<?>) page.get("items")).stream().map(item -> ((Map<?, ?>) item).get("id")).map(Object.class::cast)
                .toList();
    }

    private static String nextCursor(Map<String, Object> page) {
        return (String) ((Map<?, ?>) page.get("page")).get("nextCursor");
    }
}
