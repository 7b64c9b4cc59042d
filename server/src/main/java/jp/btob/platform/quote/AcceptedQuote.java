package jp.btob.platform.quote;

import java.util.List;
import java.util.UUID;

import jp.btob.platform.tax.LineItem;
import jp.btob.platform.tax.TaxRounding;

/** What an order of an accepted quote copies from it: the parties, the contents and the rounding agreed on. */
public record AcceptedQuote(UUID id, UUID sellerId, UUID buyerId, String title, String notes, List<LineItem> lines,
                            TaxRounding rounding) {

    public AcceptedQuote {
        lines = List.copyOf(lines);
    }
}
