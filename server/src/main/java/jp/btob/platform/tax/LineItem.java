package jp.btob.platform.tax;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A line of a quote, order or invoice: tax-excluded unit price, quantity and tax category.
 *
 * @param unit free text, may be null
 */
public record LineItem(String description, BigDecimal quantity, String unit, BigDecimal unitPrice,
        TaxCategory taxCategory) {

    /** The API's limits: 3 fraction digits of quantity, 2 of a unit price (sen). */
    public static final int QUANTITY_SCALE = 3;
    public static final int UNIT_PRICE_SCALE = 2;

    public LineItem {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(taxCategory, "taxCategory");
        requireNonNegative(quantity, QUANTITY_SCALE, "quantity");
        requireNonNegative(unitPrice, UNIT_PRICE_SCALE, "unitPrice");
    }

    /**
     * Quantity × unit price, rounded down to whole yen. Rounding down here and never upward means a
     * line never charges more than its price; the tax is computed afterwards on the sum of these
     * whole-yen amounts, per rate.
     */
    public long amount() {
        return quantity.multiply(unitPrice).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** The same line for another quantity, as a confirmation or an invoice of part of it states it. */
    public LineItem withQuantity(BigDecimal other) {
        return new LineItem(description, other, unit, unitPrice, taxCategory);
    }

    private static void requireNonNegative(BigDecimal value, int maxScale, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0 || value.stripTrailingZeros().scale() > maxScale) {
            throw new IllegalArgumentException(
                    name + " must be non-negative with at most " + maxScale + " fraction digits: " + value);
        }
    }
}
