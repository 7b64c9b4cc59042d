package jp.btob.platform.invoice;

import java.util.Map;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.demo.DemoData.DemoCompany;
import jp.btob.platform.support.Fixtures.TestCompany;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo companies trade end to end as they are seeded, as the README's example program expects. */
class DemoInvoicingTests extends InvoiceTest {

    @Test
    @DisplayName("[PLT-DEMO] the demo seller invoices an inspected order of the demo buyer with no setting saved first")
    void demoSellerInvoicesAnInspectedOrderAsSeeded() {
        Trade demo = new Trade(company(DemoData.SELLER, "seller-admin"), company(DemoData.BUYER, "buyer-admin"),
                client(login("seller-admin")), client(login("buyer-admin")));

        Map<String, Object> settings = demo.asSeller().get().uri("/api/v1/company/invoicing").exchange()
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(settings).containsEntry("registrationNumber", DemoData.SELLER.registrationNumber())
                .containsEntry("issuerKind", "corporation");

        Map<String, Object> order = inspected(demo);
        Map<String, Object> invoice = invoicing(demo.asSeller(), order.get("id")).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(invoice.get("status")).isEqualTo("ISSUED");
        assertThat(invoice.get("registrationNumber")).isEqualTo(DemoData.SELLER.registrationNumber());
    }

    private static TestCompany company(DemoCompany company, String adminLoginId) {
        return new TestCompany(company.id(), company.code(), company.name(), adminLoginId, null);
    }
}
