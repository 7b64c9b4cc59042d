package jp.btob.platform.tax;

import java.math.BigDecimal;

/** How consumption tax applies to a line; the order of the constants is the order of a breakdown. */
public enum TaxCategory {

    /** The standard rate. */
    STANDARD_10("standard-10", 10),
    /** The reduced rate (軽減税率): food and drink, subscribed newspapers. */
    REDUCED_8("reduced-8", 8),
    /** Exempt or non-taxable (非課税・不課税): no tax is charged. */
    EXEMPT("exempt", 0);

    private final String value;
    private final int ratePercent;
    private final BigDecimal rate;

    TaxCategory(String value, int ratePercent) {
        this.value = value;
        this.ratePercent = ratePercent;
        this.rate = BigDecimal.valueOf(ratePercent).movePointLeft(2);
    }

    /** The category's name in the API. */
    public String value() {
        return value;
    }

    public int ratePercent() {
        return ratePercent;
    }

    /** The rate as a fraction, 0.10 for 10 %. */
    public BigDecimal rate() {
        return rate;
    }

    public static TaxCategory fromValue(String value) {
        for (TaxCategory category : values()) {
            if (category.value.equals(value)) {
                return category;
            }
        }
        throw new IllegalArgumentException("Unknown tax category: " + value);
    }
}
