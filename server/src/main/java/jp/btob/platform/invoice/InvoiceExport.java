package jp.btob.platform.invoice;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jp.btob.platform.invoice.pint.InvoiceParty;
import jp.btob.platform.invoice.pint.JpPintExport;
import jp.btob.platform.invoice.pint.PeppolEndpoint;
import jp.btob.platform.invoice.pint.PostalAddress;
import jp.btob.platform.invoice.pint.QualifiedInvoice;
import jp.btob.platform.invoice.settings.InvoicingSettingsService;
import jp.btob.platform.invoice.settings.IssuerSettings;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * An invoice as a Peppol JP PINT document, for either party. Each party's Peppol address is its
 * qualified-invoice registration number: the issuer's as the invoice states it, the recipient's
 * from its invoicing settings. Addresses state the country only, as the platform keeps no
 * structured postal address; the rules require no more.
 */
@Component
class InvoiceExport {

    /** The EAS code of a qualified-invoice registration number. */
    private static final String REGISTRATION_NUMBER_SCHEME = "0221";

    private static final PostalAddress JAPAN = new PostalAddress("JP", null, null, null, null);

    private final InvoiceService invoices;

    private final InvoicingSettingsService invoicing;

    InvoiceExport(InvoiceService invoices, InvoicingSettingsService invoicing) {
        this.invoices = invoices;
        this.invoicing = invoicing;
    }

    /** The invoice's JP PINT XML, with its number; 404 for a company no party to it. */
    Mono<Exported> jpPint(Caller caller, UUID invoiceId) {
        return invoices.find(caller, invoiceId).flatMap(row -> invoicing.forCompany(row.buyer().id())
                .map(IssuerSettings::registrationNumber)
                .flatMap(recipientNumber -> recipientNumber.isEmpty() ? Mono.error(new UnprocessableFieldException(
                        "recipient", "The recipient has no registration number in its invoicing settings, so it has"
                        + " no Peppol address to send the invoice to.")) : Mono.just(recipientNumber.get().value()))
                .flatMap(recipientNumber -> JpPintExport.xml(qualified(row, recipientNumber)))
                .map(xml -> new Exported(row.number(), new String(xml, StandardCharsets.UTF_8))));
    }

    private static QualifiedInvoice qualified(InvoiceRow row, String recipientNumber) {
        InvoiceParty issuer = new InvoiceParty(row.issuerName(), JAPAN,
                new PeppolEndpoint(REGISTRATION_NUMBER_SCHEME, row.registrationNumber()));
        InvoiceParty recipient = new InvoiceParty(row.recipientName(), JAPAN,
                new PeppolEndpoint(REGISTRATION_NUMBER_SCHEME, recipientNumber));
        return new QualifiedInvoice(row.number(), row.issueDate(), row.dueDate(), row.periodStart(), row.periodEnd(),
                issuer, new RegistrationNumber(row.registrationNumber()), recipient,
                row.lines().stream().map(InvoiceLine::item).toList(), row.totals(), null);
    }

    /** An exported document and the number of the invoice it is. */
    record Exported(String number, String xml) {
    }
}
