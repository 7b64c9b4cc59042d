package jp.btob.platform.invoice.pint;

import java.math.BigDecimal;
import java.util.List;

import jp.btob.platform.tax.LineItem;
import jp.btob.platform.tax.TaxCategory;
import jp.btob.platform.tax.TaxRounding;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random invoices, each exported and held to the official JP PINT rules. */
class JpPintExportPropertyTests {

    @Property(tries = 30)
    @Label("[SVC-INV] any invoice of 1 to 12 lines over the three categories and any rounding exports as JP PINT without a rule error")
    void anyInvoiceExportsWithoutRuleError(@ForAll("lines") List<LineItem> lines, @ForAll TaxRounding rounding) {
        PintRules.assertValid(JpPintExport.xml(Invoices.invoice(lines, rounding)).block());
    }

    @Provide
    Arbitrary<List<LineItem>> lines() {
        Arbitrary<String> description = Arbitraries.of("コピー用紙", "緑茶", "弁当", "保守サービス", "Cable & <plug>", "印紙代");
        Arbitrary<BigDecimal> quantity = Arbitraries.longs().between(1, 100_000_000L).map(m -> BigDecimal.valueOf(m, 3));
        Arbitrary<BigDecimal> price = Arbitraries.longs().between(0, 100_000_000L).map(s -> BigDecimal.valueOf(s, 2));
        Arbitrary<String> unit = Arbitraries.of("個", "箱", "kg", "式").injectNull(0.3);
        Arbitrary<LineItem> line = Combinators.combine(description, quantity, unit, price, Arbitraries.of(TaxCategory.class))
                .as(LineItem::new);
        return line.list().ofMinSize(1).ofMaxSize(12);
    }
}
