package jp.btob.platform.webhook;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.notify.WebhookEndpoint;

/**
 * The event types a webhook endpoint may subscribe to: {@code alert.raised} and every step of a
 * trade document, named by the step's audit action, each with what it reports.
 */
public final class EventCatalogue {

    public static final String ALERT_RAISED = "alert.raised";

    private static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put(ALERT_RAISED, "An alert rule of the company was triggered.");
        put(AuditAction.QUOTE_CREATE, "A seller drafted a quote (the seller only).");
        put(AuditAction.QUOTE_UPDATE, "A seller changed a quote (the seller only while it is a draft).");
        put(AuditAction.QUOTE_SEND, "A seller sent a quote to the buyer.");
        put(AuditAction.QUOTE_ACCEPT, "A buyer accepted a quote.");
        put(AuditAction.QUOTE_REJECT, "A buyer rejected a quote.");
        put(AuditAction.QUOTE_REQUEST_REVISION, "A buyer asked for a revised quote.");
        put(AuditAction.QUOTE_REVISE, "A seller revised a quote.");
        put(AuditAction.QUOTE_WITHDRAW, "A seller withdrew a quote.");
        put(AuditAction.ORDER_PLACE, "A buyer placed an order.");
        put(AuditAction.ORDER_CONFIRM, "A seller confirmed an order.");
        put(AuditAction.ORDER_REJECT, "A seller rejected an order.");
        put(AuditAction.ORDER_CANCEL, "An order was cancelled.");
        put(AuditAction.ORDER_SHIP, "A seller shipped goods of an order.");
        put(AuditAction.ORDER_INSPECT, "A buyer inspected the goods of an order.");
        put(AuditAction.ORDER_RETURN, "A buyer returned goods of an order.");
        put(AuditAction.INVOICE_ISSUE, "A seller issued an invoice.");
        put(AuditAction.INVOICE_APPROVE, "A buyer approved an invoice.");
        put(AuditAction.INVOICE_DISPUTE, "A buyer disputed an invoice.");
        put(AuditAction.INVOICE_CANCEL, "A seller cancelled an invoice.");
        put(AuditAction.PAYMENT_RECORD, "A payment of an invoice was recorded.");
        put(AuditAction.SPEC_SHEET_REQUEST, "A buyer requested a spec sheet.");
        put(AuditAction.SPEC_SHEET_UPDATE, "A seller changed a spec sheet's content.");
        put(AuditAction.SPEC_SHEET_SUBMIT, "A seller submitted a spec sheet.");
        put(AuditAction.SPEC_SHEET_APPROVE, "A buyer approved a spec sheet.");
        put(AuditAction.SPEC_SHEET_RETURN, "A buyer returned a spec sheet for changes.");
        put(AuditAction.SPEC_SHEET_CANCEL, "A spec sheet request was cancelled.");
        put(AuditAction.TRADE_DOCUMENT_SEND, "A trade document was sent.");
        put(AuditAction.TRADE_DOCUMENT_ACKNOWLEDGE, "A trade document was acknowledged by its receiver.");
        put(AuditAction.TRADE_DOCUMENT_CORRECT, "A trade document was corrected.");
        put(AuditAction.TRADE_DOCUMENT_CANCEL, "A trade document was cancelled.");
        put(AuditAction.CONTRACT_CREATE, "A contract was drafted.");
        put(AuditAction.CONTRACT_REVISE, "A contract was revised.");
        put(AuditAction.CONTRACT_SEND, "A contract was sent to the other party.");
        put(AuditAction.CONTRACT_REQUEST_CHANGES, "Changes to a contract were requested.");
        put(AuditAction.CONTRACT_AGREE, "A party agreed to a contract.");
        put(AuditAction.CONTRACT_CANCEL, "A contract was cancelled.");
    }

    private EventCatalogue() {
    }

    private static void put(AuditAction action, String description) {
        TYPES.put(action.code(), description);
    }

    /** Every type with its description, in the catalogue's order. */
    public static Map<String, String> types() {
        return Collections.unmodifiableMap(TYPES);
    }

    public static boolean contains(String type) {
        return TYPES.containsKey(type);
    }

    /** Whether every one is a type of the catalogue or {@code *}. */
    static boolean valid(Collection<String> types) {
        return types.stream().allMatch(type -> WebhookEndpoint.ALL.equals(type) || contains(type));
    }
}
