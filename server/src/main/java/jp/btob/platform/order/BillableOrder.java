package jp.btob.platform.order;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.tax.LineItem;

/**
 * What an order bills: its parties, the day of its last inspection (the transaction date) and,
 * per line with anything billable, that quantity at the agreed price.
 */
public record BillableOrder(UUID id, UUID sellerId, UUID buyerId, LocalDate transactionDate, List<Line> lines) {

    public BillableOrder {
        lines = List.copyOf(lines);
    }

    /** A line's billable quantity, by the order's line number. */
    public record Line(int number, LineItem item) {
    }
}
