package jp.btob.platform.tax;

import java.util.List;

/**
 * A document's totals.
 *
 * @param breakdown one entry per category that has lines, in {@link TaxCategory} order
 * @param subtotal  the sum of the line amounts, tax excluded
 * @param taxTotal  the sum of the breakdown's taxes
 * @param total     subtotal + taxTotal
 */
public record TaxTotals(List<TaxBreakdown> breakdown, long subtotal, long taxTotal, long total) {

    public TaxTotals {
        breakdown = List.copyOf(breakdown);
    }
}
