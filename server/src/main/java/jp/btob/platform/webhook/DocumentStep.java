package jp.btob.platform.webhook;

import java.util.UUID;

import jp.btob.platform.bookkeeping.DocumentType;

/** A trade document as it is after a step: which, between whom, its status and version. */
public record DocumentStep(DocumentType type, UUID id, UUID sellerId, UUID buyerId, String status, int version) {

    /** The document's own GET path, for the receiver to fetch it with its API client. */
    String path() {
        return switch (type) {
            case QUOTE -> "/api/v1/quotes/" + id;
            case ORDER -> "/api/v1/orders/" + id;
            case INVOICE -> "/api/v1/invoices/" + id;
            case SPEC_SHEET -> "/api/v1/spec-sheets/" + id;
            case TRADE -> "/api/v1/trade-documents/" + id;
            case CONTRACT -> "/api/v1/contracts/" + id;
        };
    }
}
