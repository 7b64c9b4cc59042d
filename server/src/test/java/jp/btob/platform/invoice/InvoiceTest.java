package jp.btob.platform.invoice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.btob.platform.order.OrderTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Tests of invoices between two connected companies, the seller registered as a qualified invoice issuer. */
abstract class InvoiceTest extends OrderTest {

    /** The seller's registration number (a corporation's, check digit valid). */
    protected static final String REGISTRATION_NUMBER = "T7000012050002";

    /** A trade whose seller saved its registration number, half-up rounding and 45 days of payment terms. */
    protected Trade registered(String name) {
        Trade trade = trade(name);
        register(trade.asSeller(), REGISTRATION_NUMBER);
        return trade;
    }

    /** Saves the company's registration number, half-up rounding and 45 days of payment terms. */
    protected static void register(WebTestClient admin, String registrationNumber) {
        Map<String, Object> settings = Map.of("registrationNumber", registrationNumber, "issuerKind", "corporation",
                "taxRounding", "half-up", "paymentTermsDays", 45);
        admin.put().uri("/api/v1/company/invoicing").header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(settings).exchange().expectStatus().isOk();
    }

    protected static Map<String, Object> invoiceFor(Object buyerId, List<Map<String, Object>> lines) {
        Map<String, Object> invoice = new LinkedHashMap<>();
        invoice.put("buyerId", buyerId.toString());
        invoice.put("notes", "振込手数料はご負担ください。");
        invoice.put("lines", lines);
        return invoice;
    }

    protected static WebTestClient.ResponseSpec issuing(WebTestClient client, Map<String, Object> body) {
        return client.post().uri("/api/v1/invoices").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** The trade's seller invoices these lines to its buyer; answers the invoice. */
    protected static Map<String, Object> issue(Trade trade, List<Map<String, Object>> lines) {
        return issuing(trade.asSeller(), invoiceFor(trade.buyer().id(), lines)).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    protected static WebTestClient.ResponseSpec invoicing(WebTestClient client, Object orderId) {
        return client.post().uri("/api/v1/orders/{id}/invoice", orderId).exchange();
    }

    /** An order of {@link #lines()} confirmed, shipped and inspected in full; answers it. */
    protected Map<String, Object> inspected(Trade trade) {
        Map<String, Object> order = stepped(trade.asSeller(), place(trade, lines()), "confirm", Map.of());
        order = stepped(trade.asSeller(), order, "ship", quantities(1, "12", 2, "24"));
        return stepped(trade.asBuyer(), order, "inspect", Map.of("inspectionDate", today().toString(), "lines",
                List.of(Map.of("line", 1, "accepted", "12", "rejected", "0"),
                        Map.of("line", 2, "accepted", "24", "rejected", "0"))));
    }

    /** Takes an action on an invoice at the version given (no If-Match when null, no body when null). */
    protected static WebTestClient.ResponseSpec move(WebTestClient client, Object invoiceId, String action,
                                                     Object version, Object body) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/invoices/{id}/{action}", invoiceId, action);
        if (version != null) {
            request.header("If-Match", "\"" + version + "\"");
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        return request.exchange();
    }

    /** Takes an action that must succeed at the invoice's version; answers the invoice after it. */
    protected static Map<String, Object> moved(WebTestClient client, Map<String, Object> invoice, String action,
                                               Object body) {
        return move(client, invoice.get("id"), action, invoice.get("version"), body).expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    protected Map<String, Object> payment(long amount) {
        return Map.of("amount", amount, "paidOn", today().toString(), "method", "bank-transfer");
    }

    protected static Map<String, Object> getInvoice(WebTestClient client, Object invoiceId) {
        return client.get().uri("/api/v1/invoices/{id}", invoiceId).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }
}
