package jp.btob.platform.quote;

import java.util.LinkedHashMap;
import java.util.Map;

import jp.btob.platform.tax.TaxCalculator;
import jp.btob.platform.tax.TaxTotals;
import jp.btob.platform.trade.TradeLines;
import jp.btob.platform.trade.TradeModels;

/** A quote as its history keeps it: everything both parties agreed on or were told, nothing of how it is stored. */
final class QuoteDocument {

    private QuoteDocument() {
    }

    static Map<String, Object> of(QuoteRow quote) {
        TaxTotals totals = TaxCalculator.totals(quote.content().lines(), quote.rounding());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", quote.id());
        document.put("sellerId", quote.seller().id());
        document.put("buyerId", quote.buyer().id());
        document.put("status", quote.status().getValue());
        document.put("revision", quote.revision());
        document.put("title", quote.content().title());
        document.put("issueDate", quote.issueDate());
        document.put("validUntil", quote.content().validUntil());
        document.put("notes", quote.content().notes());
        document.put("lines", quote.content().lines().stream().map(TradeLines::document).toList());
        document.put("taxRounding", quote.rounding().value());
        TradeModels.putTotals(document, totals);
        document.put("responseNote", quote.responseNote());
        return document;
    }
}
