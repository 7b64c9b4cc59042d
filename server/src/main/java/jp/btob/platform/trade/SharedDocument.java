package jp.btob.platform.trade;

import java.util.Arrays;
import java.util.Optional;

import jp.btob.platform.api.model.Permission;

/**
 * The kinds of document that files and labels hang on, as their paths name them: for each, the
 * read permission its documents need and the query that answers one document's two parties, and
 * whether only the seller sees it yet ({@code seller_id}, {@code buyer_id}, {@code seller_only}
 * of the row whose ID is {@code :id}). A new kind of document is one more entry here.
 */
public enum SharedDocument {

    QUOTE("quote", Permission.QUOTE_READ,
            "SELECT seller_id, buyer_id, status = 'DRAFT' AS seller_only FROM quote WHERE id = :id"),
    ORDER("order", Permission.ORDER_READ,
            "SELECT seller_id, buyer_id, false AS seller_only FROM purchase_order WHERE id = :id"),
    INVOICE("invoice", Permission.INVOICE_READ,
            "SELECT seller_id, buyer_id, false AS seller_only FROM invoice WHERE id = :id"),
    SPEC_SHEET("spec-sheet", Permission.SPEC_SHEET_READ,
            "SELECT seller_id, buyer_id, false AS seller_only FROM spec_sheet WHERE id = :id"),
    TRADE("trade", Permission.DOCUMENT_READ,
            "SELECT seller_id, buyer_id, false AS seller_only FROM trade_document WHERE id = :id");

    private final String value;

    private final Permission read;

    private final String partiesQuery;

    SharedDocument(String value, Permission read, String partiesQuery) {
        this.value = value;
        this.read = read;
        this.partiesQuery = partiesQuery;
    }

    public String value() {
        return value;
    }

    public Permission read() {
        return read;
    }

    String partiesQuery() {
        return partiesQuery;
    }

    public static Optional<SharedDocument> of(String value) {
        return Arrays.stream(values()).filter(kind -> kind.value.equals(value)).findFirst();
    }
}
