package jp.btob.platform.order;

import java.util.List;
import java.util.UUID;

import jp.btob.platform.tax.LineItem;

/**
 * An order as its buyer asks for it, not placed yet: free-form lines from a seller, or an
 * accepted quote ({@code quoteId}, every other field null).
 */
public record OrderDraft(UUID sellerId, String title, String notes, List<LineItem> lines, UUID quoteId) {

    public OrderDraft {
        lines = lines == null ? null : List.copyOf(lines);
    }

    public static OrderDraft of(UUID sellerId, String title, String notes, List<LineItem> lines) {
        return new OrderDraft(sellerId, title, notes, lines, null);
    }

    public static OrderDraft ofQuote(UUID quoteId) {
        return new OrderDraft(null, null, null, null, quoteId);
    }
}
