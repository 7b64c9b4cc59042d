package jp.btob.platform.trade;

import java.util.Arrays;
import java.util.Optional;

import jp.btob.platform.api.model.Permission;

/**
 * The kinds of document that files and labels hang on, as their paths name them: for each, the
 * read permission its documents need and the query that answers who sees one of them
 * ({@code party_a}, {@code party_b} and {@code sole_party} of the row whose ID is {@code :id}):
 * its two parties, or its sole party alone while that one company keeps it to itself (a quote's
 * draft, a contract never sent, a company's own workflow request); {@code sole_party} is null once
 * both see it. A new kind of document is one more entry here.
 */
public enum SharedDocument {

    QUOTE("quote", Permission.QUOTE_READ, """
            SELECT seller_id AS party_a, buyer_id AS party_b,
                   CASE WHEN status = 'DRAFT' THEN seller_id END AS sole_party
            FROM quote WHERE id = :id"""),
    ORDER("order", Permission.ORDER_READ, two("purchase_order")),
    INVOICE("invoice", Permission.INVOICE_READ, two("invoice")),
    SPEC_SHEET("spec-sheet", Permission.SPEC_SHEET_READ, two("spec_sheet")),
    TRADE("trade", Permission.DOCUMENT_READ, two("trade_document")),
    /** The drafter is party A; the counterparty sees the contract from its first sending on. */
    CONTRACT("contract", Permission.CONTRACT_READ, """
            SELECT party_a_id AS party_a, party_b_id AS party_b,
                   CASE WHEN sent_at IS NULL THEN party_a_id END AS sole_party
            FROM contract WHERE id = :id"""),
    /** An approval request is its company's own: everyone there who may read requests sees it. */
    WORKFLOW_REQUEST("workflow-request", Permission.DOCUMENT_READ, """
            SELECT company_id AS party_a, CAST(NULL AS uuid) AS party_b, company_id AS sole_party
            FROM workflow_request WHERE id = :id""");

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

    /** The query of a document that its seller and its buyer see from the start. */
    private static String two(String table) {
        return "SELECT seller_id AS party_a, buyer_id AS party_b, CAST(NULL AS uuid) AS sole_party FROM " + table
                + " WHERE id = :id";
    }
}
