package jp.btob.platform.order;

import java.util.LinkedHashMap;
import java.util.Map;

import jp.btob.platform.tax.TaxTotals;
import jp.btob.platform.trade.TradeLines;
import jp.btob.platform.trade.TradeModels;

/** An order as its history keeps it: everything both parties agreed on or were told, nothing of how it is stored. */
final class OrderDocument {

    private OrderDocument() {
    }

    static Map<String, Object> of(OrderRow order) {
        TaxTotals totals = order.totals();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", order.id());
        document.put("sellerId", order.seller().id());
        document.put("buyerId", order.buyer().id());
        document.put("quoteId", order.quoteId());
        document.put("status", order.status().getValue());
        document.put("title", order.title());
        document.put("orderDate", order.orderDate());
        document.put("notes", order.notes());
        document.put("lines", order.lines().stream().map(OrderDocument::line).toList());
        document.put("taxRounding", order.rounding().value());
        TradeModels.putTotals(document, totals);
        document.put("lastInspectionDate", order.lastInspectionDate());
        document.put("responseNote", order.responseNote());
        return document;
    }

    /** The line as ordered, its agreed amount and its quantities through the order's life, all as numbers. */
    private static Map<String, Object> line(OrderLine line) {
        Map<String, Object> fields = TradeLines.document(line.item());
        fields.put("amount", line.agreedItem().amount());
        fields.put("confirmed", line.confirmed());
        fields.put("shipped", line.shipped());
        fields.put("accepted", line.accepted());
        fields.put("rejected", line.rejected());
        fields.put("returned", line.returned());
        return fields;
    }
}
