package jp.btob.platform.invoice;

import java.util.LinkedHashMap;
import java.util.Map;

import jp.btob.platform.tax.LineItem;
import jp.btob.platform.tax.TaxCategory;
import jp.btob.platform.trade.TradeLines;

/**
 * A line of an invoice.
 *
 * @param orderLine the order's line it bills, or null for an invoice written line by line
 */
record InvoiceLine(int number, LineItem item, Integer orderLine) {

    /** Whether the line is taxed at the reduced rate, which a qualified invoice must mark. */
    boolean reducedRate() {
        return item.taxCategory() == TaxCategory.REDUCED_8;
    }

    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>(TradeLines.fields(item));
        if (orderLine != null) {
            fields.put("orderLine", orderLine.toString());
        }
        return fields;
    }

    static InvoiceLine of(int number, Map<String, String> fields) {
        String orderLine = fields.get("orderLine");
        return new InvoiceLine(number, TradeLines.item(fields), orderLine == null ? null : Integer.valueOf(orderLine));
    }
}
