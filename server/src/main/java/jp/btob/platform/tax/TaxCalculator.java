package jp.btob.platform.tax;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Totals of a document under the qualified-invoice rules: the line amounts are summed per tax
 * category, and the tax of each category is rounded once on that sum (消費税法施行令第70条の10), never
 * summed from per-line rounded taxes.
 */
public final class TaxCalculator {

    private TaxCalculator() {
    }

    /**
     * @throws ArithmeticException if an amount does not fit a {@code long} of yen
     */
    public static TaxTotals totals(List<LineItem> lines, TaxRounding rounding) {
        Map<TaxCategory, Long> taxable = new EnumMap<>(TaxCategory.class);
        for (LineItem line : lines) {
            taxable.merge(line.taxCategory(), line.amount(), Math::addExact);
        }
        List<TaxBreakdown> breakdown = new ArrayList<>(taxable.size());
        long subtotal = 0;
        long taxTotal = 0;
        for (Map.Entry<TaxCategory, Long> entry : taxable.entrySet()) {
            long amount = entry.getValue();
            long tax = tax(amount, entry.getKey(), rounding);
            breakdown.add(new TaxBreakdown(entry.getKey(), amount, tax));
            subtotal = Math.addExact(subtotal, amount);
            taxTotal = Math.addExact(taxTotal, tax);
        }
        return new TaxTotals(breakdown, subtotal, taxTotal, Math.addExact(subtotal, taxTotal));
    }

    private static long tax(long taxableAmount, TaxCategory category, TaxRounding rounding) {
        return BigDecimal.valueOf(taxableAmount).multiply(category.rate())
                .setScale(0, rounding.mode()).longValueExact();
    }
}
