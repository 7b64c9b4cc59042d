package jp.btob.platform.tax;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Totals with known numbers. */
class TaxCalculatorTests {

    @Test
    @DisplayName("[SVC-INV] the NTA's mixed-rate example: 8 % lines and a 10 % line give a subtotal and a tax per rate")
    void totalsWhenMixedRatesThenOneBreakdownPerRate() {
        List<LineItem> lines = List.of(
                line("1", "5000", TaxCategory.REDUCED_8),
                line("1", "10000", TaxCategory.REDUCED_8),
                line("1", "2000", TaxCategory.STANDARD_10));

        TaxTotals totals = TaxCalculator.totals(lines, TaxRounding.FLOOR);

        assertThat(totals.breakdown()).containsExactly(
                new TaxBreakdown(TaxCategory.STANDARD_10, 2000, 200),
                new TaxBreakdown(TaxCategory.REDUCED_8, 15000, 1200));
        assertThat(totals.subtotal()).isEqualTo(17000);
        assertThat(totals.taxTotal()).isEqualTo(1400);
        assertThat(totals.total()).isEqualTo(18400);
    }

    @Test
    @DisplayName("[SVC-INV] the tax is rounded once per rate: three 105-yen lines at 10 % owe 31 yen, not 3 × 10")
    void totalsWhenFractionalTaxPerLineThenRoundedOncePerRate() {
        List<LineItem> lines = List.of(
                line("1", "105", TaxCategory.STANDARD_10),
                line("1", "105", TaxCategory.STANDARD_10),
                line("1", "105", TaxCategory.STANDARD_10));

        assertThat(TaxCalculator.totals(lines, TaxRounding.FLOOR).taxTotal()).isEqualTo(31);
        assertThat(TaxCalculator.totals(lines, TaxRounding.HALF_UP).taxTotal()).isEqualTo(32);
        assertThat(TaxCalculator.totals(lines, TaxRounding.CEILING).taxTotal()).isEqualTo(32);
    }

    @Test
    @DisplayName("[SVC-INV] 894 yen at 8 % is 71.52 yen of tax: 71 rounded down or half up, 72 rounded up")
    void totalsWhenReducedRateThenEachRoundingMode() {
        List<LineItem> lines = List.of(line("3", "298", TaxCategory.REDUCED_8));

        assertThat(TaxCalculator.totals(lines, TaxRounding.FLOOR).taxTotal()).isEqualTo(71);
        assertThat(TaxCalculator.totals(lines, TaxRounding.HALF_UP).taxTotal()).isEqualTo(72);
        assertThat(TaxCalculator.totals(lines, TaxRounding.CEILING).taxTotal()).isEqualTo(72);
    }

    @Test
    @DisplayName("[SVC-INV] a line amount is quantity × unit price rounded down to whole yen: 12.5 × 480.50 = 6006")
    void amountWhenFractionalThenRoundedDown() {
        assertThat(line("12.5", "480.50", TaxCategory.STANDARD_10).amount()).isEqualTo(6006);
        assertThat(line("0.001", "0.99", TaxCategory.STANDARD_10).amount()).isZero();
        assertThat(line("1.999", "1000.01", TaxCategory.STANDARD_10).amount()).isEqualTo(1999);
    }

    @Test
    @DisplayName("[SVC-INV] exempt lines are in the subtotal and owe no tax")
    void totalsWhenExemptThenNoTax() {
        TaxTotals totals = TaxCalculator.totals(List.of(
                line("1", "1000", TaxCategory.EXEMPT),
                line("2", "550", TaxCategory.STANDARD_10)), TaxRounding.CEILING);

        assertThat(totals.breakdown()).containsExactly(
                new TaxBreakdown(TaxCategory.STANDARD_10, 1100, 110),
                new TaxBreakdown(TaxCategory.EXEMPT, 1000, 0));
        assertThat(totals.total()).isEqualTo(2210);
    }

    @Test
    @DisplayName("[SVC-INV] a document without lines totals zero with an empty breakdown")
    void totalsWhenNoLinesThenZero() {
        assertThat(TaxCalculator.totals(List.of(), TaxRounding.FLOOR))
                .isEqualTo(new TaxTotals(List.of(), 0, 0, 0));
    }

    @Test
    @DisplayName("[SVC-INV] negative quantities or prices, and more fraction digits than the API allows, are refused")
    void lineWhenOutOfRangeThenRefused() {
        assertThatThrownBy(() -> line("-1", "100", TaxCategory.STANDARD_10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> line("1", "-0.01", TaxCategory.STANDARD_10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> line("1.0001", "100", TaxCategory.STANDARD_10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> line("1", "100.001", TaxCategory.STANDARD_10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(line("1.5000", "100.100", TaxCategory.STANDARD_10).amount()).isEqualTo(150);
    }

    @Test
    @DisplayName("[SVC-INV] the API names of categories and roundings map to rates and rounding modes")
    void valuesMapToRatesAndModes() {
        assertThat(TaxCategory.fromValue("reduced-8").rate()).isEqualByComparingTo("0.08");
        assertThat(TaxCategory.fromValue("standard-10").ratePercent()).isEqualTo(10);
        assertThat(TaxCategory.fromValue("exempt").ratePercent()).isZero();
        assertThat(TaxRounding.fromValue("half-up").mode()).isEqualTo(RoundingMode.HALF_UP);
        assertThatThrownBy(() -> TaxRounding.fromValue("banker")).isInstanceOf(IllegalArgumentException.class);
    }

    private static LineItem line(String quantity, String unitPrice, TaxCategory category) {
        return new LineItem("品目", new BigDecimal(quantity), null, new BigDecimal(unitPrice), category);
    }
}
