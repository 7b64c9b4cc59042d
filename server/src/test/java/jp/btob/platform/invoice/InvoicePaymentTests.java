package jp.btob.platform.invoice;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Payments of an invoice: partial and full, never more than is unpaid, and overdue after the due date. */
class InvoicePaymentTests extends InvoiceTest {

    @Test
    @DisplayName("[SVC-INV] the issuer records payments: unpaid → partially-paid → paid, each a version of the history; a payment over what is unpaid 422 naming amount and nothing changes")
    void payWhenPartThenRestThenPaid() {
        Trade trade = registered("請求入金");
        Map<String, Object> invoice = issue(trade, lines());
        assertThat(invoice).containsEntry("paymentStatus", "unpaid").containsEntry("paidAmount", 0)
                .containsEntry("overdue", false).containsEntry("payments", List.of());

        Map<String, Object> part = moved(trade.asSeller(), invoice, "payments", payment(5000));
        assertThat(part).containsEntry("paymentStatus", "partially-paid").containsEntry("paidAmount", 5000)
                .containsEntry("status", "ISSUED").containsEntry("version", 2);
        assertThat(part.get("payments")).isEqualTo(List.of(Map.of("amount", 5000, "paidOn", today().toString(),
                "method", "bank-transfer")));

        WebTestClient.BodyContentSpec over = move(trade.asSeller(), part.get("id"), "payments", part.get("version"),
                payment(3884)).expectStatus().isEqualTo(422).expectBody();
        assertProblem(over, "/problems/unprocessable", 422);
        over.jsonPath("$.errors[0].field").isEqualTo("amount");
        assertThat(getInvoice(trade.asBuyer(), part.get("id"))).containsEntry("paidAmount", 5000).containsEntry("version", 2);

        Map<String, Object> paid = moved(trade.asSeller(), part, "payments", payment(3883));
        assertThat(paid).containsEntry("paymentStatus", "paid").containsEntry("paidAmount", 8883);
        assertProblem(move(trade.asSeller(), paid.get("id"), "payments", paid.get("version"), payment(1))
                .expectStatus().isEqualTo(422).expectBody(), "/problems/unprocessable", 422);

        Map<String, Object> history = trade.asBuyer().get().uri("/api/v1/documents/invoice/{id}/history", paid.get("id"))
                .exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(history).containsEntry("verified", true);
        assertThat(((List<?>) history.get("versions")).stream().map(v -> String.valueOf(((Map<?, ?>) v).get("reason"))).toList())
                .containsExactly("ISSUED", "ISSUED: paid 5000 on " + today() + " by bank-transfer",
                        "ISSUED: paid 3883 on " + today() + " by bank-transfer");
    }

    @Test
    @DisplayName("[SVC-INV] an invoice not fully paid is overdue from the day after its due date in Japan, a paid or cancelled one never")
    void overdueWhenPastDueDateAndNotPaid() {
        Trade trade = registered("請求延滞");
        Map<String, Object> unpaid = issue(trade, lines());
        Map<String, Object> part = moved(trade.asSeller(), issue(trade, lines()), "payments", payment(100));
        Map<String, Object> paid = moved(trade.asSeller(), issue(trade, lines()), "payments", payment(8883));
        Map<String, Object> cancelled = moved(trade.asSeller(), issue(trade, lines()), "cancel", reason("誤発行です。"));

        clock.advance(Duration.ofDays(45));
        WebTestClient asBuyer = client(login(trade.buyer().adminLoginId()));
        assertThat(getInvoice(asBuyer, unpaid.get("id"))).containsEntry("overdue", false);

        clock.advance(Duration.ofDays(1));
        asBuyer = client(login(trade.buyer().adminLoginId()));
        assertThat(getInvoice(asBuyer, unpaid.get("id"))).containsEntry("overdue", true);
        assertThat(getInvoice(asBuyer, part.get("id"))).containsEntry("overdue", true)
                .containsEntry("paymentStatus", "partially-paid");
        assertThat(getInvoice(asBuyer, paid.get("id"))).containsEntry("overdue", false);
        assertThat(getInvoice(asBuyer, cancelled.get("id"))).containsEntry("overdue", false);
    }
}
