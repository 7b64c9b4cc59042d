package jp.btob.platform.tax;

/** The taxable subtotal (tax excluded) and the once-rounded tax of one category of a document. */
public record TaxBreakdown(TaxCategory category, long taxableAmount, long taxAmount) {

    public int ratePercent() {
        return category.ratePercent();
    }
}
