package jp.btob.platform.tax;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the totals, checked against an independent computation in integer milli-units of
 * quantity and sen of price.
 */
class TaxCalculatorPropertyTests {

    private static final long MILLI_SEN_PER_YEN = 1000L * 100L;

    @Property(tries = 300)
    @Label("[SVC-INV] per-rate subtotals and taxes equal an integer computation of the same rules")
    void totalsEqualIntegerComputation(@ForAll("lines") List<LineItem> lines, @ForAll TaxRounding rounding) {
        Map<TaxCategory, Long> taxable = new EnumMap<>(TaxCategory.class);
        for (LineItem line : lines) {
            long milliSen = milli(line.quantity()) * sen(line.unitPrice());
            taxable.merge(line.taxCategory(), milliSen / MILLI_SEN_PER_YEN, Long::sum);
        }
        List<TaxBreakdown> expected = new ArrayList<>();
        taxable.forEach((category, amount) -> expected.add(
                new TaxBreakdown(category, amount, integerTax(amount, category.ratePercent(), rounding))));

        TaxTotals totals = TaxCalculator.totals(lines, rounding);

        assertThat(totals.breakdown()).containsExactlyElementsOf(expected);
        assertThat(totals.subtotal()).isEqualTo(expected.stream().mapToLong(TaxBreakdown::taxableAmount).sum());
        assertThat(totals.taxTotal()).isEqualTo(expected.stream().mapToLong(TaxBreakdown::taxAmount).sum());
        assertThat(totals.total()).isEqualTo(totals.subtotal() + totals.taxTotal());
    }

    @Property(tries = 300)
    @Label("[SVC-INV] exempt owes no tax; no tax exceeds its subtotal × rate rounded up; floor ≤ half-up ≤ ceiling")
    void invariantsPerRate(@ForAll("lines") List<LineItem> lines) {
        TaxTotals floor = TaxCalculator.totals(lines, TaxRounding.FLOOR);
        TaxTotals halfUp = TaxCalculator.totals(lines, TaxRounding.HALF_UP);
        TaxTotals ceiling = TaxCalculator.totals(lines, TaxRounding.CEILING);

        for (int i = 0; i < floor.breakdown().size(); i++) {
            TaxBreakdown f = floor.breakdown().get(i);
            TaxBreakdown h = halfUp.breakdown().get(i);
            TaxBreakdown c = ceiling.breakdown().get(i);
            if (f.category() == TaxCategory.EXEMPT) {
                assertThat(List.of(f.taxAmount(), h.taxAmount(), c.taxAmount())).containsOnly(0L);
            }
            long upperBound = ceilDiv(f.taxableAmount() * f.ratePercent(), 100);
            assertThat(c.taxAmount()).isLessThanOrEqualTo(upperBound);
            assertThat(f.taxAmount()).isLessThanOrEqualTo(h.taxAmount());
            assertThat(h.taxAmount()).isLessThanOrEqualTo(c.taxAmount());
            assertThat(c.taxAmount() - f.taxAmount()).isBetween(0L, 1L);
        }
    }

    @Property(tries = 200)
    @Label("[SVC-INV] the order of the lines does not change the totals")
    void orderIrrelevant(@ForAll("lines") List<LineItem> lines, @ForAll TaxRounding rounding, @ForAll long seed) {
        List<LineItem> shuffled = new ArrayList<>(lines);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(TaxCalculator.totals(shuffled, rounding)).isEqualTo(TaxCalculator.totals(lines, rounding));
    }

    @Property(tries = 200)
    @Label("[SVC-INV] splitting a line of whole quantity and whole-yen price in two keeps every per-rate subtotal and tax")
    void splittingIntegralLineKeepsTotals(@ForAll("lines") List<LineItem> lines,
            @ForAll("integralLine") LineItem line, @ForAll TaxRounding rounding) {
        List<LineItem> whole = new ArrayList<>(lines);
        whole.add(line);
        long first = line.quantity().longValueExact() / 2;
        List<LineItem> split = new ArrayList<>(lines);
        split.add(withQuantity(line, first));
        split.add(withQuantity(line, line.quantity().longValueExact() - first));

        assertThat(TaxCalculator.totals(split, rounding)).isEqualTo(TaxCalculator.totals(whole, rounding));
    }

    @Provide
    Arbitrary<List<LineItem>> lines() {
        Arbitrary<BigDecimal> quantity = Arbitraries.longs().between(0, 10_000_000L).map(m -> BigDecimal.valueOf(m, 3));
        Arbitrary<BigDecimal> price = Arbitraries.longs().between(0, 1_000_000_000L).map(s -> BigDecimal.valueOf(s, 2));
        Arbitrary<LineItem> line = Combinators.combine(quantity, price, Arbitraries.of(TaxCategory.class))
                .as((q, p, c) -> new LineItem("品目", q, null, p, c));
        return line.list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<LineItem> integralLine() {
        return Combinators.combine(Arbitraries.longs().between(2, 100_000), Arbitraries.longs().between(0, 10_000_000),
                Arbitraries.of(TaxCategory.class))
                .as((q, p, c) -> new LineItem("品目", BigDecimal.valueOf(q), "個", BigDecimal.valueOf(p), c));
    }

    private static LineItem withQuantity(LineItem line, long quantity) {
        return new LineItem(line.description(), BigDecimal.valueOf(quantity), line.unit(), line.unitPrice(),
                line.taxCategory());
    }

    private static long milli(BigDecimal quantity) {
        return quantity.movePointRight(3).longValueExact();
    }

    private static long sen(BigDecimal price) {
        return price.movePointRight(2).longValueExact();
    }

    private static long integerTax(long amount, int ratePercent, TaxRounding rounding) {
        long hundredths = amount * ratePercent;
        return switch (rounding) {
            case FLOOR -> Math.floorDiv(hundredths, 100);
            case CEILING -> ceilDiv(hundredths, 100);
            case HALF_UP -> (hundredths + 50) / 100;
        };
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
