package jp.btob.platform.invoice;

import java.util.LinkedHashMap;
import java.util.Map;

import jp.btob.platform.trade.TradeLines;
import jp.btob.platform.trade.TradeModels;

/** An invoice as its history keeps it: everything it states and both parties were told, nothing of how it is stored. */
final class InvoiceDocument {

    private InvoiceDocument() {
    }

    static Map<String, Object> of(InvoiceRow invoice) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", invoice.id());
        document.put("number", invoice.number());
        document.put("sellerId", invoice.seller().id());
        document.put("buyerId", invoice.buyer().id());
        document.put("orderId", invoice.orderId());
        document.put("correctsId", invoice.correctsId());
        document.put("status", invoice.status().getValue());
        document.put("issuerName", invoice.issuerName());
        document.put("registrationNumber", invoice.registrationNumber());
        document.put("recipientName", invoice.recipientName());
        document.put("issueDate", invoice.issueDate());
        document.put("periodStart", invoice.periodStart());
        document.put("periodEnd", invoice.periodEnd());
        document.put("dueDate", invoice.dueDate());
        document.put("notes", invoice.notes());
        document.put("lines", invoice.lines().stream().map(InvoiceDocument::line).toList());
        document.put("taxRounding", invoice.rounding().value());
        TradeModels.putTotals(document, invoice.totals());
        document.put("payments", invoice.payments().stream().map(Payment::fields).toList());
        document.put("paidAmount", invoice.paidAmount());
        document.put("responseNote", invoice.responseNote());
        return document;
    }

    private static Map<String, Object> line(InvoiceLine line) {
        Map<String, Object> fields = TradeLines.document(line.item());
        fields.put("reducedRate", line.reducedRate());
        fields.put("orderId", line.orderId());
        fields.put("orderLine", line.orderLine());
        return fields;
    }
}
