package jp.btob.platform.invoice;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.invoice.pint.PintRules;
import jp.btob.platform.support.Concurrently;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import static jp.btob.platform.support.PartnerSteps.accept;
import static jp.btob.platform.support.PartnerSteps.invite;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The monthly closing: one invoice to a buyer of the month's inspected lines, each order line billed once. */
class InvoiceClosingTests extends InvoiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Sql sql = new Sql(DATABASE);

    /** Last month in Japan: closed and wholly in the past. */
    private YearMonth lastMonth() {
        return YearMonth.from(today()).minusMonths(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    @DisplayName("[SVC-INV] a closing gathers, in the order of inspection, the billable lines (accepted − returned) of every order with the buyer last inspected in the month, each naming its order line; orders inspected the day before or after the month, another buyer's and an order already invoiced are left out; tax rounded once per rate over the whole invoice; the period is the month")
    void closeWhenOrdersInspectedInMonthThenOneInvoiceOfTheirBillableLines() {
        Trade trade = registered("月締め");
        YearMonth month = lastMonth();
        Map<String, Object> early = inspectedOn(trade, month.atDay(3), lines());
        stepped(trade.asBuyer(), early, "return", returning(2, "4"));
        Map<String, Object> late = place(trade, List.of(line("プリンタトナー 黒", "3", "1234", "standard-10")));
        late = stepped(trade.asSeller(), late, "confirm", Map.of());
        late = stepped(trade.asSeller(), late, "ship", quantities(1, "3"));
        late = stepped(trade.asBuyer(), late, "inspect", Map.of("inspectionDate", month.atEndOfMonth().toString(),
                "lines", List.of(Map.of("line", 1, "accepted", "2", "rejected", "1"))));
        inspectedOn(trade, month.atDay(1).minusDays(1), lines());
        inspectedOn(trade, month.plusMonths(1).atDay(1), lines());
        Map<String, Object> invoicedAlone = inspectedOn(trade, month.atDay(10), lines());
        invoicing(trade.asSeller(), invoicedAlone.get("id")).expectStatus().isCreated();
        TestCompany otherBuyer = fixtures.company("月締め別買手株式会社");
        WebTestClient asOtherBuyer = client(login(otherBuyer.adminLoginId()));
        accept(asOtherBuyer, otherBuyer.id(), invite(trade.asSeller(), trade.seller().id(), otherBuyer.code(), null));
        inspectedOn(new Trade(trade.seller(), otherBuyer, trade.asSeller(), asOtherBuyer), month.atDay(5), lines());

        Map<String, Object> invoice = closing(trade.asSeller(), trade.buyer().id(), month.toString())
                .expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"1\"")
                .expectHeader().valueMatches("Location", "/api/v1/invoices/[0-9a-f-]{36}")
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(invoice).containsEntry("transactionDate", month.atDay(1).toString())
                .containsEntry("periodEnd", month.atEndOfMonth().toString())
                .containsEntry("issueDate", today().toString())
                .containsEntry("status", "ISSUED").containsEntry("registrationNumber", REGISTRATION_NUMBER)
                .containsEntry("recipientName", trade.buyer().name()).doesNotContainKey("orderId");
        List<Map<String, Object>> lines = (List<Map<String, Object>>) invoice.get("lines");
        assertThat(lines).extracting(line -> line.get("orderId"), line -> line.get("orderLine"),
                        line -> ((Map<String, Object>) line.get("item")).get("quantity"), line -> line.get("line"))
                .containsExactly(
                        tuple(early.get("id"), 1, "12", 1),
                        tuple(early.get("id"), 2, "20", 2),
                        tuple(late.get("id"), 1, "2", 3));
        assertThat(lineOf(invoice, 2)).containsEntry("reducedRate", true);
        // 10 %: 5 766 + 2 468 = 8 234, tax 823.4 → 823 (the lines' own taxes, 576.6 and 246.8,
        // rounded apart would give 824); 8 %: 1 960, tax 156.8 → 157.
        Map<String, Object> totals = (Map<String, Object>) invoice.get("totals");
        assertThat((List<Object>) totals.get("breakdown")).containsExactly(
                Map.of("category", "standard-10", "ratePercent", 10, "taxableAmount", 8234, "taxAmount", 823),
                Map.of("category", "reduced-8", "ratePercent", 8, "taxableAmount", 1960, "taxAmount", 157));
        assertThat(totals).containsEntry("total", 11174);

        UUID invoiceId = UUID.fromString((String) invoice.get("id"));
        assertThat(sql.count("SELECT count(*) FROM invoiced_order_line WHERE invoice_id = ?", invoiceId)).isEqualTo(3);
        assertThat(getInvoice(trade.asBuyer(), invoiceId)).isEqualTo(invoice);
        trade.asBuyer().get().uri("/api/v1/documents/invoice/{id}/history", invoiceId).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.verified").isEqualTo(true)
                .jsonPath("$.versions.length()").isEqualTo(1);
    }

    @Test
    @DisplayName("[SVC-INV] a closing invoice exports as JP PINT with zero rule errors, the month as its invoice period")
    void closeWhenExportedThenValidJpPint() {
        Trade trade = registered("月締めPINT");
        register(trade.asBuyer(), "T1180301018771");
        YearMonth month = lastMonth();
        inspectedOn(trade, month.atDay(2), lines());
        inspectedOn(trade, month.atDay(20), List.of(line("事務手数料", "1", "1000", "exempt")));
        Map<String, Object> invoice = closing(trade.asSeller(), trade.buyer().id(), month.toString())
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();

        byte[] xml = trade.asBuyer().get().uri("/api/v1/invoices/{id}/jp-pint", invoice.get("id")).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        PintRules.assertValid(xml);
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains(
                "<cbc:StartDate>" + month.atDay(1) + "</cbc:StartDate>",
                "<cbc:EndDate>" + month.atEndOfMonth() + "</cbc:EndDate>");
    }

    @Test
    @DisplayName("[SVC-INV] closing a month again answers 422 naming month, as nothing is left to invoice; once the closing invoice is cancelled its lines are gathered again by the next closing")
    void closeWhenClosedThen422UntilCancelled() {
        Trade trade = registered("月締め再");
        YearMonth month = lastMonth();
        inspectedOn(trade, month.atDay(15), lines());
        Map<String, Object> first = closing(trade.asSeller(), trade.buyer().id(), month.toString())
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();

        WebTestClient.BodyContentSpec again = closing(trade.asSeller(), trade.buyer().id(), month.toString())
                .expectStatus().isEqualTo(422).expectBody();
        assertProblem(again, "/problems/unprocessable", 422);
        again.jsonPath("$.errors[0].field").isEqualTo("month");

        moved(trade.asSeller(), first, "cancel", reason("単価の誤り"));
        Map<String, Object> second = closing(trade.asSeller(), trade.buyer().id(), month.toString())
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(second.get("lines")).isEqualTo(first.get("lines"));
        assertThat(second.get("totals")).isEqualTo(first.get("totals"));
    }

    @Test
    @DisplayName("[SVC-INV] a month not begun in Japan, a month with nothing inspected, a buyer not connected and an issuer without a registration number answer 422 naming the field; a malformed month 400; nothing is issued")
    void closeWhenRefusedThenProblemAndNothingIssued() {
        Trade trade = registered("月締め拒否");
        inspectedOn(trade, lastMonth().atDay(8), lines());

        assertField(closing(trade.asSeller(), trade.buyer().id(), YearMonth.from(today()).plusMonths(1).toString()),
                "month");
        assertField(closing(trade.asSeller(), trade.buyer().id(), lastMonth().minusMonths(1).toString()), "month");
        assertField(closing(trade.asSeller(), fixtures.company("月締め未接続株式会社").id(), lastMonth().toString()),
                "buyerId");
        for (String month : List.of("2026-13", "2026-1", "202611", "2026-00")) {
            assertProblem(closing(trade.asSeller(), trade.buyer().id(), month).expectStatus().isBadRequest()
                    .expectBody(), "/problems/validation", 400);
        }
        Trade unregistered = trade("月締め未登録");
        inspectedOn(unregistered, lastMonth().atDay(8), lines());
        assertField(closing(unregistered.asSeller(), unregistered.buyer().id(), lastMonth().toString()),
                "registrationNumber");

        assertThat(sql.count("SELECT count(*) FROM invoice WHERE seller_id IN (?, ?)", trade.seller().id(),
                unregistered.seller().id())).isZero();
        assertThat(sql.count("SELECT count(*) FROM invoiced_order_line l JOIN purchase_order o ON o.id = l.order_id"
                + " WHERE o.seller_id IN (?, ?)", trade.seller().id(), unregistered.seller().id())).isZero();
    }

    @Test
    @DisplayName("[SVC-INV] the buyer cannot close the month on its seller: it gathers only what the caller's own company sold, so its closing finds nothing and answers 422; the seller's orders stay uninvoiced")
    void closeWhenBuyerThenNothingOfTheSellers() {
        Trade trade = registered("月締め買手");
        register(trade.asBuyer(), "T1180301018771");
        Map<String, Object> order = inspectedOn(trade, lastMonth().atDay(8), lines());

        assertField(closing(trade.asBuyer(), trade.seller().id(), lastMonth().toString()), "month");
        assertThat(sql.count("SELECT count(*) FROM invoiced_order_line WHERE order_id = ?",
                UUID.fromString((String) order.get("id")))).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    @DisplayName("[PLT-CONC] 12 concurrent closings of one month racing with invoices of one of its orders bill no order line twice, the losers 409 or 422 having written nothing; closing again then gathers what is left, so every line ends up in exactly one invoice")
    void closeWhenConcurrentThenEachLineBilledOnce() throws Exception {
        Trade trade = registered("月締め同時");
        YearMonth month = lastMonth();
        Map<String, Object> first = inspectedOn(trade, month.atDay(4), lines());
        Map<String, Object> second = inspectedOn(trade, month.atDay(9), lines());
        int parallel = 12;
        List<EntityExchangeResult<byte[]>> answers = Concurrently.all(parallel, i -> (i % 3 == 0
                ? trade.asSeller().post().uri("/api/v1/orders/{id}/invoice", second.get("id"))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).exchange()
                : trade.asSeller().post().uri("/api/v1/invoices/closing")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("buyerId", trade.buyer().id().toString(), "month", month.toString()))
                        .exchange()).expectBody().returnResult());

        Set<String> billed = new HashSet<>();
        int issued = 0;
        for (EntityExchangeResult<byte[]> answer : answers) {
            int status = answer.getStatus().value();
            assertThat(status).isIn(201, 409, 422);
            if (status == 201) {
                issued++;
                Map<String, Object> invoice = JSON.readValue(answer.getResponseBody(), Map.class);
                for (Map<String, Object> line : (List<Map<String, Object>>) invoice.get("lines")) {
                    assertThat(billed.add(line.get("orderId") + "#" + line.get("orderLine"))).isTrue();
                }
            }
        }
        assertThat(issued).isBetween(1, 2);
        // A closing that lost the race for one order's lines issued nothing; closing again now
        // gathers what is left, so every line ends up billed, each once.
        WebTestClient.ResponseSpec again = closing(trade.asSeller(), trade.buyer().id(), month.toString());
        if (billed.size() < 4) {
            Map<String, Object> rest = again.expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult()
                    .getResponseBody();
            issued++;
            for (Map<String, Object> line : (List<Map<String, Object>>) rest.get("lines")) {
                assertThat(billed.add(line.get("orderId") + "#" + line.get("orderLine"))).isTrue();
            }
        }
        else {
            assertField(again, "month");
        }
        assertThat(billed).containsExactlyInAnyOrder(first.get("id") + "#1", first.get("id") + "#2",
                second.get("id") + "#1", second.get("id") + "#2");
        assertThat(sql.count("SELECT count(*) FROM invoice WHERE seller_id = ?", trade.seller().id()))
                .isEqualTo(issued);
        assertThat(sql.count("SELECT count(*) FROM invoiced_order_line WHERE order_id IN (?, ?)",
                UUID.fromString((String) first.get("id")), UUID.fromString((String) second.get("id")))).isEqualTo(4);
    }

    @Test
    @DisplayName("[PLT-IDEM] closing again with the same Idempotency-Key and body answers the first invoice, marked replayed; another body with the key 422; one invoice exists")
    void closeWhenSameKeyThenReplayed() {
        Trade trade = registered("月締め冪等");
        YearMonth month = lastMonth();
        inspectedOn(trade, month.atDay(12), lines());
        Map<String, Object> body = closingOf(trade.buyer().id(), month.toString());
        Map<String, Object> other = new LinkedHashMap<>(body);
        other.put("notes", "別の請求です。");
        assertIdempotent(trade.asSeller(), "/api/v1/invoices/closing", body, other);
        assertThat(sql.count("SELECT count(*) FROM invoice WHERE seller_id = ?", trade.seller().id())).isOne();
    }

    /** An order of these lines, confirmed, shipped and inspected in full on the day given; answers it. */
    private Map<String, Object> inspectedOn(Trade trade, LocalDate day, List<Map<String, Object>> lines) {
        Map<String, Object> order = stepped(trade.asSeller(), place(trade, lines), "confirm", Map.of());
        List<Object> shipped = new ArrayList<>();
        List<Map<String, Object>> inspected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            shipped.add(i + 1);
            shipped.add(lines.get(i).get("quantity"));
            inspected.add(Map.of("line", i + 1, "accepted", lines.get(i).get("quantity"), "rejected", "0"));
        }
        order = stepped(trade.asSeller(), order, "ship", quantities(shipped.toArray()));
        return stepped(trade.asBuyer(), order, "inspect", Map.of("inspectionDate", day.toString(), "lines", inspected));
    }

    private static Map<String, Object> closingOf(UUID buyerId, String month) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("buyerId", buyerId.toString());
        body.put("month", month);
        body.put("notes", "月末締めのご請求です。");
        return body;
    }

    private static WebTestClient.ResponseSpec closing(WebTestClient client, UUID buyerId, String month) {
        return client.post().uri("/api/v1/invoices/closing").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(closingOf(buyerId, month)).exchange();
    }

    private static void assertField(WebTestClient.ResponseSpec answer, String field) {
        WebTestClient.BodyContentSpec body = answer.expectStatus().isEqualTo(422).expectBody();
        assertProblem(body, "/problems/unprocessable", 422);
        body.jsonPath("$.errors[0].field").isEqualTo(field);
    }
}
