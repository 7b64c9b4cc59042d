package jp.btob.platform.tax;

import java.math.RoundingMode;

/** How an issuer rounds the tax of each rate of a document to whole yen. */
public enum TaxRounding {

    /** 切り捨て. */
    FLOOR("floor", RoundingMode.FLOOR),
    /** 切り上げ. */
    CEILING("ceiling", RoundingMode.CEILING),
    /** 四捨五入. */
    HALF_UP("half-up", RoundingMode.HALF_UP);

    private final String value;
    private final RoundingMode mode;

    TaxRounding(String value, RoundingMode mode) {
        this.value = value;
        this.mode = mode;
    }

    /** The rounding's name in the API. */
    public String value() {
        return value;
    }

    public RoundingMode mode() {
        return mode;
    }

    public static TaxRounding fromValue(String value) {
        for (TaxRounding rounding : values()) {
            if (rounding.value.equals(value)) {
                return rounding;
            }
        }
        throw new IllegalArgumentException("Unknown tax rounding: " + value);
    }
}
