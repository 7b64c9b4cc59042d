package jp.btob.platform.invoice;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.tax.LineItem;
import jp.btob.platform.tax.TaxCategory;
import jp.btob.platform.trade.TradeLines;

/**
 * A line of an invoice.
 *
 * @param orderId   the order the line bills, or null for an invoice written line by line
 * @param orderLine the order's line it bills, or null for an invoice written line by line
 */
record InvoiceLine(int number, LineItem item, UUID orderId, Integer orderLine) {

    /** Whether the line is taxed at the reduced rate, which a qualified invoice must mark. */
    boolean reducedRate() {
        return item.taxCategory() == TaxCategory.REDUCED_8;
    }

    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>(TradeLines.fields(item));
        if (orderLine != null) {
            fields.put("orderId", orderId.toString());
            fields.put("orderLine", orderLine.toString());
        }
        return fields;
    }

    /**
     * The line as stored; a line stored before lines named their order bills the invoice's
     * {@code invoiceOrderId}.
     */
    static InvoiceLine of(int number, Map<String, String> fields, UUID invoiceOrderId) {
        String orderLine = fields.get("orderLine");
        if (orderLine == null) {
            return new InvoiceLine(number, TradeLines.item(fields), null, null);
        }
        String orderId = fields.get("orderId");
        return new InvoiceLine(number, TradeLines.item(fields),
                orderId == null ? invoiceOrderId : UUID.fromString(orderId), Integer.valueOf(orderLine));
    }
}
