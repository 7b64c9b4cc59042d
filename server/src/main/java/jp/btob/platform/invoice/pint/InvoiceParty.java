package jp.btob.platform.invoice.pint;

import java.util.Objects;

/** The issuer or the recipient of an invoice: its registered name, postal address and Peppol address. */
public record InvoiceParty(String name, PostalAddress address, PeppolEndpoint endpoint) {

    public InvoiceParty {
        Texts.requireText(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
