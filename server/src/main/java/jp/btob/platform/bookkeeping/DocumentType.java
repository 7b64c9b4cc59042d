package jp.btob.platform.bookkeeping;

import java.util.Arrays;
import java.util.Optional;

import jp.btob.platform.api.model.Permission;

/**
 * The trade documents whose versions are kept and that the search finds, as the history's path and
 * the search name them, with the permission that reading one of their kind needs on top of
 * {@code document:read}: for trade documents (TRADE), {@code document:read} itself.
 */
public enum DocumentType {

    QUOTE("quote", Permission.QUOTE_READ),
    ORDER("order", Permission.ORDER_READ),
    INVOICE("invoice", Permission.INVOICE_READ),
    SPEC_SHEET("spec-sheet", Permission.SPEC_SHEET_READ),
    TRADE("trade", Permission.DOCUMENT_READ),
    CONTRACT("contract", Permission.CONTRACT_READ);

    private final String value;

    private final Permission read;

    DocumentType(String value, Permission read) {
        this.value = value;
        this.read = read;
    }

    public String value() {
        return value;
    }

    Permission read() {
        return read;
    }

    static Optional<DocumentType> of(String value) {
        return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
    }
}
