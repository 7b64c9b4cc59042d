package jp.btob.platform.order;

import java.util.List;
import java.util.UUID;

import jp.btob.platform.tax.LineItem;
import jp.btob.platform.tax.TaxRounding;

/** An order to place: from whom, what, and the quote it orders if any (null for free-form lines). */
record NewOrder(UUID sellerId, UUID buyerId, UUID quoteId, String title, String notes, List<LineItem> lines,
                TaxRounding rounding) {

    NewOrder {
        lines = List.copyOf(lines);
    }
}
