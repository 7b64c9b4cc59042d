package jp.btob.platform.workflow;

import java.util.UUID;

import jp.btob.platform.order.OrderDraft;

/**
 * What a request is filed on, as checked when filed: the amount choosing its route, the document
 * it names (with the revision, for a contract), or the order it places; {@code field} is the one
 * of the request a missing route is reported on.
 */
record Target(long amount, UUID documentId, Integer revision, OrderDraft order, String field) {

    static Target document(UUID documentId, long amount) {
        return new Target(amount, documentId, null, null, "documentId");
    }

    static Target revision(UUID documentId, int revision, long amount) {
        return new Target(amount, documentId, revision, null, "documentId");
    }

    static Target order(OrderDraft order, long total) {
        return new Target(total, null, null, order, order.quoteId() == null ? "order" : "quoteId");
    }

    static Target stated(long amount) {
        return new Target(amount, null, null, null, "amount");
    }
}
