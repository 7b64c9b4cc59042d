package jp.btob.platform.order;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import jp.btob.platform.tax.LineItem;
import jp.btob.platform.trade.TradeLines;

/**
 * A line of an order with its quantities through the order's life. {@code confirmed} is null
 * until the seller confirms; the others start at zero and only the order's actions move them.
 */
record OrderLine(int number, LineItem item, BigDecimal confirmed, BigDecimal shipped, BigDecimal accepted,
                 BigDecimal rejected, BigDecimal returned) {

    static OrderLine ordered(int number, LineItem item) {
        return new OrderLine(number, item, null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** What the order is for: the confirmed quantity once confirmed, the ordered one before. */
    BigDecimal agreed() {
        return confirmed == null ? item.quantity() : confirmed;
    }

    /** The line at its agreed quantity, as the totals count it. */
    LineItem agreedItem() {
        return item.withQuantity(agreed());
    }

    /** Shipped and not yet inspected. */
    BigDecimal awaitingInspection() {
        return shipped.subtract(accepted).subtract(rejected);
    }

    /** What an invoice bills: accepted and not returned. */
    BigDecimal billable() {
        return accepted.subtract(returned);
    }

    OrderLine confirm(BigDecimal quantity) {
        return new OrderLine(number, item, quantity, shipped, accepted, rejected, returned);
    }

    OrderLine ship(BigDecimal quantity) {
        return new OrderLine(number, item, confirmed, shipped.add(quantity), accepted, rejected, returned);
    }

    OrderLine inspect(BigDecimal acceptedNow, BigDecimal rejectedNow) {
        return new OrderLine(number, item, confirmed, shipped, accepted.add(acceptedNow), rejected.add(rejectedNow),
                returned);
    }

    OrderLine giveBack(BigDecimal quantity) {
        return new OrderLine(number, item, confirmed, shipped, accepted, rejected, returned.add(quantity));
    }

    /** The line as the {@code lines} column and the history keep it: the item's fields and the quantities, as text. */
    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>(TradeLines.fields(item));
        if (confirmed != null) {
            fields.put("confirmed", confirmed.toPlainString());
        }
        fields.put("shipped", shipped.toPlainString());
        fields.put("accepted", accepted.toPlainString());
        fields.put("rejected", rejected.toPlainString());
        fields.put("returned", returned.toPlainString());
        return fields;
    }

    static OrderLine of(int number, Map<String, String> fields) {
        String confirmed = fields.get("confirmed");
        return new OrderLine(number, TradeLines.item(fields), confirmed == null ? null : new BigDecimal(confirmed),
                new BigDecimal(fields.get("shipped")), new BigDecimal(fields.get("accepted")),
                new BigDecimal(fields.get("rejected")), new BigDecimal(fields.get("returned")));
    }
}
