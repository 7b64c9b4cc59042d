package jp.btob.platform.invoice;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.invoice.pint.PintRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Invoices issued through the API, exported as JP PINT and held to the official rules. */
class InvoiceJpPintTests extends InvoiceTest {

    @Test
    @DisplayName("[SVC-INV] invoices issued through the API, with lines and from an order, export as JP PINT with zero rule errors for both parties: issuer registration number, a breakdown per rate, reduced-rate lines AA 8, the totals")
    void exportWhenIssuedThroughApiThenValidJpPint() {
        Trade trade = registered("請求PINT");
        register(trade.asBuyer(), "T1180301018771");
        Map<String, Object> direct = issue(trade, List.of(line("コピー用紙 A4 500枚", "12", "480.50", "standard-10"),
                line("緑茶 ペットボトル 500ml", "24", "98", "reduced-8"), line("事務手数料", "1", "1000", "exempt")));
        Map<String, Object> ofOrder = invoicing(trade.asSeller(), inspected(trade).get("id")).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        for (Map<String, Object> invoice : List.of(direct, ofOrder)) {
            for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
                byte[] xml = party.get().uri("/api/v1/invoices/{id}/jp-pint", invoice.get("id")).exchange()
                        .expectStatus().isOk()
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_XML)
                        .expectHeader().valueMatches("Content-Disposition", ".*" + invoice.get("number") + "\\.xml.*")
                        .expectBody().returnResult().getResponseBody();
                PintRules.assertValid(xml);
                String text = new String(xml, StandardCharsets.UTF_8);
                Map<?, ?> totals = (Map<?, ?>) invoice.get("totals");
                assertThat(text).contains("<cbc:ID>" + invoice.get("number") + "</cbc:ID>",
                        "<cbc:CompanyID>" + REGISTRATION_NUMBER + "</cbc:CompanyID>",
                        "<cbc:ID>AA</cbc:ID><cbc:Percent>8</cbc:Percent>",
                        "<cbc:PayableAmount currencyID=\"JPY\">" + totals.get("total") + "</cbc:PayableAmount>");
            }
        }
    }

    @Test
    @DisplayName("[PLT-TENANT] a company no party to the invoice gets 404 for its JP PINT export, as for an invoice that does not exist; a recipient without a registration number 422 naming recipient")
    void exportWhenNoPartyThenNotFound() {
        Trade trade = registered("請求PINT他社");
        Map<String, Object> invoice = issue(trade, lines());
        WebTestClient asStranger = client(login(fixtures.company("請求PINT無関係株式会社").adminLoginId()));
        for (Object id : List.of(invoice.get("id"), UUID.randomUUID())) {
            assertProblem(asStranger.get().uri("/api/v1/invoices/{id}/jp-pint", id).exchange().expectStatus().isNotFound()
                    .expectBody(), "/problems/not-found", 404);
        }
        trade.asBuyer().get().uri("/api/v1/invoices/{id}/jp-pint", invoice.get("id")).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("recipient");
    }
}
