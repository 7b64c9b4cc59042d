package jp.btob.platform.order;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.btob.platform.support.TradeTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Tests of orders between two connected companies, with the steps of an order's life. */
public abstract class OrderTest extends TradeTest {

    protected static Map<String, Object> orderFor(Object sellerId, List<Map<String, Object>> lines) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("sellerId", sellerId.toString());
        order.put("title", "事務用品 発注");
        order.put("notes", "1月20日までに納品してください。");
        order.put("lines", lines);
        return order;
    }

    protected static WebTestClient.ResponseSpec placing(WebTestClient client, Map<String, Object> body) {
        return client.post().uri("/api/v1/orders").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** The trade's buyer orders these lines from its seller; answers the order. */
    protected static Map<String, Object> place(Trade trade, List<Map<String, Object>> lines) {
        return placing(trade.asBuyer(), orderFor(trade.seller().id(), lines)).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    /** Takes an action on an order at the version given (no If-Match when null). */
    protected static WebTestClient.ResponseSpec step(WebTestClient client, Object orderId, String action, Object version,
                                                     Object body) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/orders/{id}/{action}", orderId, action);
        if (version != null) {
            request.header("If-Match", "\"" + version + "\"");
        }
        return request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Takes an action that must succeed at the order's version; answers the order after it. */
    protected static Map<String, Object> stepped(WebTestClient client, Map<String, Object> order, String action,
                                                 Object body) {
        return step(client, order.get("id"), action, order.get("version"), body).expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    protected static Map<String, Object> quantities(Object... lineAndQuantity) {
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (int i = 0; i < lineAndQuantity.length; i += 2) {
            lines.add(Map.of("line", lineAndQuantity[i], "quantity", lineAndQuantity[i + 1]));
        }
        return Map.of("lines", lines);
    }

    protected Map<String, Object> inspection(int line, String accepted, String rejected) {
        return Map.of("inspectionDate", today().toString(),
                "lines", List.of(Map.of("line", line, "accepted", accepted, "rejected", rejected)));
    }

    protected static Map<String, Object> returning(int line, String quantity) {
        Map<String, Object> body = new LinkedHashMap<>(quantities(line, quantity));
        body.put("reason", "破損していました。");
        return body;
    }

    /** A quote the trade's seller sent and its buyer accepted; answers it. */
    protected Map<String, Object> accepted(Trade trade, String title) {
        Map<String, Object> sent = done(trade.asSeller(), draft(trade, title), "send", null);
        return done(trade.asBuyer(), sent, "accept", null);
    }

    protected static WebTestClient.ResponseSpec fromQuote(WebTestClient client, Object quoteId) {
        return client.post().uri("/api/v1/quotes/{id}/order", quoteId).exchange();
    }

    protected static Map<String, Object> getOrder(WebTestClient client, Object orderId) {
        return client.get().uri("/api/v1/orders/{id}", orderId).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    protected static WebTestClient.ResponseSpec history(WebTestClient client, Object orderId) {
        return client.get().uri("/api/v1/documents/order/{id}/history", orderId).exchange();
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> lineOf(Map<String, Object> order, int number) {
        return ((List<Map<String, Object>>) order.get("lines")).get(number - 1);
    }
}
