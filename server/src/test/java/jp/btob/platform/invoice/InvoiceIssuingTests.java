package jp.btob.platform.invoice;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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

/** Issuing invoices: what a qualified invoice states, from an order's billable lines once, idempotently. */
class InvoiceIssuingTests extends InvoiceTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @SuppressWarnings("unchecked")
    @DisplayName("[SVC-INV] an issued invoice states what 消費税法 57-4 requires: issuer name and registration number, recipient name, issue and transaction dates, lines with the reduced rate marked, taxable amount and tax per rate rounded once by the issuer's rounding, totals; due date from the payment terms; version 1 of its history")
    void issueWhenRegisteredThenQualifiedInvoiceFields() {
        Trade trade = registered("請求必須");
        Map<String, Object> invoice = issuing(trade.asSeller(), invoiceFor(trade.buyer().id(), lines()))
                .expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(invoice).containsEntry("issuerName", trade.seller().name())
                .containsEntry("registrationNumber", REGISTRATION_NUMBER)
                .containsEntry("recipientName", trade.buyer().name())
                .containsEntry("issueDate", today().toString())
                .containsEntry("transactionDate", today().toString())
                .containsEntry("periodEnd", today().toString())
                .containsEntry("dueDate", today().plusDays(45).toString())
                .containsEntry("status", "ISSUED").containsEntry("version", 1).containsEntry("taxRounding", "half-up");
        assertThat((String) invoice.get("number")).startsWith("INV-");
        assertThat(lineOf(invoice, 1)).containsEntry("reducedRate", false);
        assertThat(lineOf(invoice, 2)).containsEntry("reducedRate", true);
        Map<String, Object> totals = (Map<String, Object>) invoice.get("totals");
        assertThat((List<Object>) totals.get("breakdown")).containsExactly(
                Map.of("category", "standard-10", "ratePercent", 10, "taxableAmount", 5766, "taxAmount", 577),
                Map.of("category", "reduced-8", "ratePercent", 8, "taxableAmount", 2352, "taxAmount", 188));
        assertThat((Map<String, Object>) totals).containsEntry("subtotal", 8118).containsEntry("taxTotal", 765).containsEntry("total", 8883);

        Map<String, Object> history = trade.asBuyer().get().uri("/api/v1/documents/invoice/{id}/history", invoice.get("id"))
                .exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(history).containsEntry("verified", true).containsEntry("documentType", "invoice");
        assertThat((List<?>) history.get("versions")).hasSize(1);
    }

    @Test
    @DisplayName("[SVC-INV] an issuer without a registration number in its invoicing settings is refused 422 naming registrationNumber; a company not connected as the buyer 422 naming buyerId; nothing is issued")
    void issueWhenUnregisteredOrNotPartnerThen422() {
        Trade trade = trade("請求未登録");
        WebTestClient.BodyContentSpec unregistered = issuing(trade.asSeller(), invoiceFor(trade.buyer().id(), lines()))
                .expectStatus().isEqualTo(422).expectBody();
        assertProblem(unregistered, "/problems/unprocessable", 422);
        unregistered.jsonPath("$.errors[0].field").isEqualTo("registrationNumber");

        Trade other = registered("請求相手外");
        issuing(other.asSeller(), invoiceFor(fixtures.company("請求未接続株式会社").id(), lines()))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("buyerId");
        assertThat(sql.count("SELECT count(*) FROM invoice WHERE seller_id IN (?, ?)", trade.seller().id(),
                other.seller().id())).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    @DisplayName("[SVC-INV] the seller invoices an order's billable lines (accepted − returned) at its agreed prices, linked to the order and its lines; a second invoice of it 409; the buyer invoicing it 403 wrong-party; an outsider 404; an order with nothing accepted 422")
    void invoiceOrderWhenInspectedThenBillableOnce() {
        Trade trade = registered("受注請求");
        Map<String, Object> order = inspected(trade);
        order = stepped(trade.asBuyer(), order, "return", returning(2, "4"));

        Map<String, Object> invoice = invoicing(trade.asSeller(), order.get("id")).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(invoice).containsEntry("orderId", order.get("id")).containsEntry("transactionDate", today().toString());
        assertThat(lineOf(invoice, 1)).containsEntry("orderLine", 1);
        assertThat((Map<String, Object>) lineOf(invoice, 2).get("item")).containsEntry("quantity", "20").containsEntry("amount", 1960);
        assertThat(lineOf(invoice, 2)).containsEntry("orderLine", 2).containsEntry("reducedRate", true);

        assertProblem(invoicing(trade.asSeller(), order.get("id")).expectStatus().isEqualTo(409).expectBody(),
                "/problems/conflict", 409);
        assertProblem(invoicing(trade.asBuyer(), order.get("id")).expectStatus().isForbidden().expectBody(),
                "/problems/wrong-party", 403);
        assertProblem(invoicing(client(login(fixtures.company("受注請求部外者株式会社").adminLoginId())), order.get("id"))
                .expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        Map<String, Object> placed = place(trade, lines());
        assertProblem(invoicing(trade.asSeller(), placed.get("id")).expectStatus().isEqualTo(422).expectBody(),
                "/problems/unprocessable", 422);
    }

    @Test
    @DisplayName("[PLT-CONC] 12 concurrent invoices of one inspected order, each with its own key, bill its lines exactly once: one 201, the others 409")
    void invoiceOrderWhenConcurrentThenExactlyOne() throws Exception {
        Trade trade = registered("同時請求");
        Map<String, Object> order = inspected(trade);
        int parallel = 12;
        List<EntityExchangeResult<byte[]>> answers = Concurrently.all(parallel, i ->
                trade.asSeller().post().uri("/api/v1/orders/{id}/invoice", order.get("id"))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).exchange().expectBody().returnResult());
        Map<Integer, Integer> statuses = new HashMap<>();
        for (EntityExchangeResult<byte[]> answer : answers) {
            statuses.merge(answer.getStatus().value(), 1, Integer::sum);
            if (answer.getStatus().value() == 409) {
                assertThat(new String(answer.getResponseBody(), StandardCharsets.UTF_8)).contains("/problems/conflict");
            }
        }
        assertThat(statuses).isEqualTo(Map.of(201, 1, 409, parallel - 1));
        UUID orderId = UUID.fromString((String) order.get("id"));
        assertThat(sql.count("SELECT count(*) FROM invoice WHERE order_id = ?", orderId)).isOne();
        assertThat(sql.count("SELECT count(*) FROM invoiced_order_line WHERE order_id = ?", orderId)).isEqualTo(2);
    }

    @Test
    @DisplayName("[PLT-IDEM] issuing again with the same Idempotency-Key and body answers the first invoice, marked replayed; another body with the key 422; one invoice exists")
    void issueWhenSameKeyThenReplayed() {
        Trade trade = registered("請求冪等");
        assertIdempotent(trade.asSeller(), "/api/v1/invoices", invoiceFor(trade.buyer().id(), lines()),
                invoiceFor(trade.buyer().id(), List.of(line("別", "1", "1", "standard-10"))));
        assertThat(sql.count("SELECT count(*) FROM invoice WHERE seller_id = ?", trade.seller().id())).isOne();
    }

    @Test
    @DisplayName("[PLT-PAGE] the invoice list pages oldest first without gaps or repeats, and filters by role, status, partner, issue date and total")
    void listWhenPagedAndFilteredThenStable() {
        Trade trade = registered("請求一覧");
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(issue(trade, List.of(line("品目" + i, String.valueOf(i + 1), "1000", "standard-10"))).get("id"));
        }
        moved(trade.asSeller(), getInvoice(trade.asSeller(), ids.get(0)), "cancel", reason("誤発行です。"));

        assertListFilters(trade.asSeller(), trade.asBuyer(), trade.seller().id(), "/api/v1/invoices", "issued", ids);
    }
}
