package jp.btob.platform.invoice.pint;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jp.btob.platform.invoice.IssuerKind;
import jp.btob.platform.invoice.RegistrationNumber;
import jp.btob.platform.tax.LineItem;
import jp.btob.platform.tax.TaxCalculator;
import jp.btob.platform.tax.TaxCategory;
import jp.btob.platform.tax.TaxRounding;
import jp.btob.platform.tax.TaxTotals;

/** Invoices to export in tests: the parties of a typical Japanese B2B sale, with any lines. */
final class Invoices {

    static final InvoiceParty ISSUER = new InvoiceParty("株式会社サンプル商事",
            new PostalAddress("JP", "東京都", "新宿区", "四谷4-29-1 サンプルビル", "1600004"),
            new PeppolEndpoint("0188", "7000012050002"));

    static final InvoiceParty RECIPIENT = new InvoiceParty("株式会社見本物産",
            new PostalAddress("JP", "北海道", "札幌市北区", "北十二条西7-6", "0010012"),
            new PeppolEndpoint("0188", "1180301018771"));

    private Invoices() {
    }

    static QualifiedInvoice invoice(List<LineItem> lines, TaxRounding rounding) {
        return invoice(lines, TaxCalculator.totals(lines, rounding));
    }

    static QualifiedInvoice invoice(List<LineItem> lines, TaxTotals totals) {
        return new QualifiedInvoice("INV-2026-0001", LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 31),
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), ISSUER,
                RegistrationNumber.parse("registrationNumber", "T7000012050002", IssuerKind.CORPORATION), RECIPIENT,
                lines, totals, "月末締め翌月末払い");
    }

    static LineItem line(String description, String quantity, String unit, String unitPrice, TaxCategory category) {
        return new LineItem(description, new BigDecimal(quantity), unit, new BigDecimal(unitPrice), category);
    }
}
