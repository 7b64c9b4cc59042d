package jp.btob.platform.invoice.pint;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import jp.btob.platform.tax.LineItem;
import jp.btob.platform.tax.TaxCalculator;
import jp.btob.platform.tax.TaxCategory;
import jp.btob.platform.tax.TaxRounding;
import jp.btob.platform.tax.TaxTotals;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static jp.btob.platform.invoice.pint.Invoices.invoice;
import static jp.btob.platform.invoice.pint.Invoices.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JP PINT exports of known invoices, checked against the official Peppol rules and for what they state. */
class JpPintExportTests {

    @Test
    @DisplayName("[SVC-INV] a mixed 10 % and 8 % invoice exports as JP PINT without a rule error: one breakdown per rate, reduced-rate lines marked AA 8")
    void exportWhenMixedRatesThenValidWithBreakdownPerRate() {
        List<LineItem> lines = List.of(
                line("コピー用紙 A4", "10", "箱", "480.50", TaxCategory.STANDARD_10),
                line("緑茶 500ml", "24", "本", "98", TaxCategory.REDUCED_8),
                line("弁当", "3", null, "598", TaxCategory.REDUCED_8));

        String xml = export(invoice(lines, TaxRounding.FLOOR));

        assertThat(xml).contains("<cbc:CustomizationID>urn:peppol:pint:billing-1@jp-1</cbc:CustomizationID>",
                "<cbc:ProfileID>urn:peppol:bis:billing</cbc:ProfileID>",
                "<cbc:DocumentCurrencyCode>JPY</cbc:DocumentCurrencyCode>",
                "<cbc:CompanyID>T7000012050002</cbc:CompanyID>",
                // 4805 at 10 % is 480.5 → 480; 2352 + 1794 = 4146 at 8 % is 331.68 → 331
                "<cbc:TaxableAmount currencyID=\"JPY\">4805</cbc:TaxableAmount><cbc:TaxAmount currencyID=\"JPY\">480</cbc:TaxAmount>"
                        + "<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>10</cbc:Percent>",
                "<cbc:TaxableAmount currencyID=\"JPY\">4146</cbc:TaxableAmount><cbc:TaxAmount currencyID=\"JPY\">331</cbc:TaxAmount>"
                        + "<cac:TaxCategory><cbc:ID>AA</cbc:ID><cbc:Percent>8</cbc:Percent>",
                "<cbc:TaxInclusiveAmount currencyID=\"JPY\">9762</cbc:TaxInclusiveAmount>",
                "<cbc:PayableAmount currencyID=\"JPY\">9762</cbc:PayableAmount>",
                "<cbc:Name>表示単位名称</cbc:Name><cbc:Value>箱</cbc:Value>");
        assertThat(count(xml, "<cac:TaxSubtotal>")).isEqualTo(2);
        assertThat(count(xml, "<cbc:ID>AA</cbc:ID>")).isEqualTo(3);
    }

    @Test
    @DisplayName("[SVC-INV] an invoice with an exempt line exports as JP PINT without a rule error: the exempt line is category E at 0 % with no tax")
    void exportWhenExemptLineThenValidCategoryE() {
        List<LineItem> lines = List.of(
                line("事務手数料", "1", "式", "1000", TaxCategory.EXEMPT),
                line("保守サービス 11月分", "1", "式", "55000", TaxCategory.STANDARD_10));

        String xml = export(invoice(lines, TaxRounding.HALF_UP));

        assertThat(xml).contains("<cbc:TaxableAmount currencyID=\"JPY\">1000</cbc:TaxableAmount>"
                        + "<cbc:TaxAmount currencyID=\"JPY\">0</cbc:TaxAmount><cac:TaxCategory><cbc:ID>E</cbc:ID>"
                        + "<cbc:Percent>0</cbc:Percent>",
                "<cbc:TaxAmount currencyID=\"JPY\">5500</cbc:TaxAmount><cac:TaxSubtotal>",
                "<cbc:PayableAmount currencyID=\"JPY\">61500</cbc:PayableAmount>");
    }

    @Test
    @DisplayName("[SVC-INV] a single-rate invoice with fractional quantities and sen prices exports as JP PINT without a rule error")
    void exportWhenSingleRateThenValid() {
        List<LineItem> lines = List.of(
                line("ケーブル切り売り", "12.5", "m", "480.50", TaxCategory.STANDARD_10),
                line("ねじ", "0.125", "kg", "3200", TaxCategory.STANDARD_10));

        String xml = export(invoice(lines, TaxRounding.CEILING));

        assertThat(xml).contains("<cbc:InvoicedQuantity unitCode=\"H87\">12.5</cbc:InvoicedQuantity>"
                        + "<cbc:LineExtensionAmount currencyID=\"JPY\">6006</cbc:LineExtensionAmount>",
                "<cbc:PriceAmount currencyID=\"JPY\">480.5</cbc:PriceAmount>",
                "<cbc:TaxableAmount currencyID=\"JPY\">6406</cbc:TaxableAmount>"
                        + "<cbc:TaxAmount currencyID=\"JPY\">641</cbc:TaxAmount>");
        assertThat(count(xml, "<cac:TaxSubtotal>")).isOne();
    }

    @Test
    @DisplayName("[SVC-INV] the rules are live: an export whose tax is off by one yen, or whose seller lacks the T number, fails them")
    void rulesWhenExportTamperedThenErrors() {
        List<LineItem> lines = List.of(line("部品", "1", null, "1000", TaxCategory.STANDARD_10));
        String xml = new String(JpPintExport.xml(invoice(lines, TaxRounding.FLOOR)).block(), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> PintRules.assertValid(xml.replace(">100</cbc:TaxAmount>", ">101</cbc:TaxAmount>")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(AssertionError.class).hasMessageContaining("aligned-ibrp-051-jp");
        assertThatThrownBy(() -> PintRules.assertValid(xml.replace("T7000012050002", "7000012050002")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(AssertionError.class).hasMessageContaining("ibr-jp-01");
    }

    @Test
    @DisplayName("[SVC-INV] names with XML markup are escaped, not interpreted")
    void exportWhenMarkupInTextThenEscaped() {
        String xml = export(invoice(List.of(line("<cbc:ID>X</cbc:ID> & \"部品\"", "1", "<b>", "100",
                TaxCategory.STANDARD_10)), TaxRounding.FLOOR));

        assertThat(xml).contains("&lt;cbc:ID&gt;X&lt;/cbc:ID&gt; &amp;").doesNotContain("<b>");
    }

    @Test
    @DisplayName("[SVC-INV] an invoice whose totals are not its lines' own is refused before anything is exported")
    void invoiceWhenTotalsDisagreeWithLinesThenRefused() {
        List<LineItem> lines = List.of(line("部品", "1", null, "1000", TaxCategory.STANDARD_10));
        TaxTotals other = TaxCalculator.totals(List.of(line("部品", "2", null, "1000", TaxCategory.STANDARD_10)),
                TaxRounding.FLOOR);

        assertThatThrownBy(() -> invoice(lines, other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> invoice(List.of(), TaxRounding.FLOOR)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String export(QualifiedInvoice invoice) {
        byte[] xml = JpPintExport.xml(invoice).block();
        List<String> warnings = PintRules.assertValid(xml);
        warnings.forEach(warning -> System.out.println("JP PINT warning: " + warning));
        return new String(xml, StandardCharsets.UTF_8).replaceAll(">\\s+<", "><");
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
