package jp.btob.platform.tradedoc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.btob.platform.support.TradeTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Tests of trade documents between two connected companies, with the steps of a document's life. */
abstract class TradeDocumentTest extends TradeTest {

    protected static final String DOCUMENTS = "/api/v1/trade-documents";

    /** A delivery note (the seller's kind) of {@code amount} yen, dated today, to the receiver. */
    protected Map<String, Object> documentFor(Object receiverId, String number, long amount) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("receiverId", receiverId.toString());
        document.put("kind", "delivery-note");
        document.putAll(content(number, amount));
        return document;
    }

    /** What the sender states of a document: its number, today's date, the amount with its 10 % tax, a title and notes. */
    protected Map<String, Object> content(String number, long amount) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("number", number);
        content.put("transactionDate", today().toString());
        content.put("amount", amount);
        content.put("taxAmount", amount / 11);
        content.put("title", "コピー用紙 納品 " + number);
        content.put("notes", "検品の上、受領印をお願いします。");
        content.put("externalReference", "ERP-" + number);
        return content;
    }

    protected static WebTestClient.ResponseSpec sending(WebTestClient client, Map<String, Object> body) {
        return client.post().uri(DOCUMENTS).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** The trade's seller sends its buyer a delivery note; answers the document. */
    protected Map<String, Object> send(Trade trade, String number, long amount) {
        return sending(trade.asSeller(), documentFor(trade.buyer().id(), number, amount)).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    /** Takes an action on a document at the version given (no If-Match when null), with the body given (none when null). */
    protected static WebTestClient.ResponseSpec move(WebTestClient client, Object id, String action, Object version,
                                                     Object body) {
        WebTestClient.RequestBodySpec request = client.post().uri(DOCUMENTS + "/{id}/{action}", id, action);
        if (version != null) {
            request.header("If-Match", "\"" + version + "\"");
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        return request.exchange();
    }

    /** Takes an action that must succeed at the document's version; answers the document after it. */
    protected static Map<String, Object> moved(WebTestClient client, Map<String, Object> document, String action,
                                               Object body) {
        return move(client, document.get("id"), action, document.get("version"), body).expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    /** A correction: the content given with the reason. */
    protected static Map<String, Object> correction(Map<String, Object> content, String reason) {
        Map<String, Object> body = new LinkedHashMap<>(content);
        body.put("reason", reason);
        return body;
    }

    protected static Map<String, Object> getDocument(WebTestClient client, Object id) {
        return client.get().uri(DOCUMENTS + "/{id}", id).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    protected static WebTestClient.ResponseSpec history(WebTestClient client, Object id) {
        return client.get().uri("/api/v1/documents/trade/{id}/history", id).exchange();
    }

    /** A party a document or a search result names, such as its {@code sender}. */
    @SuppressWarnings("unchecked")
    protected static Map<String, Object> party(Map<String, Object> answer, String name) {
        return (Map<String, Object>) answer.get(name);
    }

    /** The reasons of a document's versions, oldest first, as one of its parties reads them. */
    protected static List<String> reasons(Map<String, Object> history) {
        return ((List<?>) history.get("versions")).stream()
                .map(version -> String.valueOf(((Map<?, ?>) version).get("reason"))).toList();
    }
}
