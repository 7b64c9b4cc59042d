package jp.btob.platform.admin;

import java.util.EnumMap;
import java.util.Map;

import jp.btob.platform.api.model.Permission;

/**
 * What each permission of the catalogue allows, for the administrators' catalogue. Every
 * permission must have one: a permission added to the spec without it fails the class's loading,
 * and with it the catalogue's test.
 */
final class PermissionDescriptions {

    private static final Map<Permission, String> DESCRIPTIONS = new EnumMap<>(Permission.class);

    static {
        put(Permission.COMPANY_READ, "See the company's profile and user directory.");
        put(Permission.PARTNER_READ, "See trading-partner connections.");
        put(Permission.PARTNER_MANAGE, "Invite, accept, suspend and resume trading partners.");
        put(Permission.QUOTE_READ, "See quotes.");
        put(Permission.QUOTE_WRITE, "Draft and send quotes.");
        put(Permission.QUOTE_RESPOND, "Accept or reject quotes, or ask for a revision.");
        put(Permission.ORDER_READ, "See orders.");
        put(Permission.ORDER_PLACE, "Place orders.");
        put(Permission.ORDER_CONFIRM, "Confirm or reject orders received.");
        put(Permission.ORDER_SHIP, "Send shipment notices.");
        put(Permission.ORDER_INSPECT, "Record receipt and inspection of deliveries.");
        put(Permission.INVOICE_READ, "See invoices.");
        put(Permission.INVOICE_ISSUE, "Issue invoices.");
        put(Permission.INVOICE_APPROVE, "Approve invoices received.");
        put(Permission.PAYMENT_RECORD, "Record payments.");
        put(Permission.CONTRACT_READ, "See contracts.");
        put(Permission.CONTRACT_WRITE, "Draft and revise contracts.");
        put(Permission.CONTRACT_AGREE, "Agree to contracts for the company.");
        put(Permission.SPEC_SHEET_READ, "See product spec sheets.");
        put(Permission.SPEC_SHEET_WRITE, "Write, submit and approve spec sheets.");
        put(Permission.DOCUMENT_READ, "See other trade documents.");
        put(Permission.DOCUMENT_WRITE, "Send other trade documents.");
        put(Permission.ATTACHMENT_READ, "Download files attached to documents.");
        put(Permission.ATTACHMENT_WRITE, "Attach files to documents.");
        put(Permission.WORKFLOW_APPROVE, "Decide approval requests.");
        put(Permission.WEBHOOK_MANAGE, "Manage the company's webhook endpoints, their delivery log and replay.");
        put(Permission.ADMIN_USERS, "Add, change, disable and delete users, reset passwords, end sessions.");
        put(Permission.ADMIN_ROLES, "Define custom roles and read the permission catalogue.");
        put(Permission.ADMIN_API_CLIENTS, "Manage API clients for ERP integration.");
        put(Permission.ADMIN_SECURITY, "Security settings, IP allow-list, live sessions, unlocking accounts.");
        put(Permission.ADMIN_AUDIT, "Read, export and verify the audit trail.");
        put(Permission.ADMIN_ALERTS, "Alert rules and raised alerts.");
        put(Permission.ADMIN_INCIDENTS, "Read the security incident notices sent to the company.");
        put(Permission.ADMIN_ACCOUNT_REVIEW, "Produce the account review report.");
        put(Permission.ADMIN_INVOICING, "Invoicing settings: registration number, tax rounding, payment terms.");
        put(Permission.SCREEN_DASHBOARD, "Show the dashboard screen.");
        put(Permission.SCREEN_QUOTES, "Show the quotes screens.");
        put(Permission.SCREEN_ORDERS, "Show the orders screens.");
        put(Permission.SCREEN_INVOICES, "Show the invoices screens.");
        put(Permission.SCREEN_CONTRACTS, "Show the contracts screens.");
        put(Permission.SCREEN_SPEC_SHEETS, "Show the spec sheet screens.");
        put(Permission.SCREEN_DOCUMENTS, "Show the trade document screens.");
        put(Permission.SCREEN_PARTNERS, "Show the trading-partner screens.");
        put(Permission.SCREEN_APPROVALS, "Show the approval screens.");
        put(Permission.SCREEN_ADMIN, "Show the administration screens.");
        put(Permission.SCREEN_AUDIT, "Show the audit trail screens.");
        for (Permission permission : Permission.values()) {
            if (!DESCRIPTIONS.containsKey(permission)) {
                throw new IllegalStateException("The permission " + permission.getValue() + " has no description");
            }
        }
    }

    private PermissionDescriptions() {
    }

    static String of(Permission permission) {
        return DESCRIPTIONS.get(permission);
    }

    private static void put(Permission permission, String description) {
        DESCRIPTIONS.put(permission, description);
    }
}
