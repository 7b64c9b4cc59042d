package jp.btob.platform.tradedoc;

import java.util.LinkedHashMap;
import java.util.Map;

/** A trade document as its history keeps it: everything both parties were told, nothing of how it is stored. */
final class TradeDocumentHistory {

    private TradeDocumentHistory() {
    }

    static Map<String, Object> of(TradeDocumentRow row) {
        TradeDocumentFields fields = row.fields();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", row.id());
        document.put("kind", row.kind().getValue());
        document.put("kindLabel", fields.kindLabel());
        document.put("senderId", row.sender().id());
        document.put("receiverId", row.receiver().id());
        document.put("senderSide", row.senderSide().getValue());
        document.put("status", row.status().getValue());
        document.put("number", fields.number());
        document.put("transactionDate", fields.transactionDate());
        document.put("amount", fields.amount());
        document.put("taxAmount", fields.taxAmount());
        document.put("title", fields.title());
        document.put("notes", fields.notes());
        document.put("externalReference", fields.externalReference());
        document.put("responseNote", row.responseNote());
        return document;
    }
}
