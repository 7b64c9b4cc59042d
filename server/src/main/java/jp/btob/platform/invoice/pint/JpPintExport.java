package jp.btob.platform.invoice.pint;

import java.math.BigDecimal;
import java.util.List;

import com.helger.ubl21.UBL21Marshaller;
import jp.btob.platform.tax.LineItem;
import jp.btob.platform.tax.TaxBreakdown;
import jp.btob.platform.tax.TaxCategory;
import jp.btob.platform.tax.TaxTotals;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.AddressType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CountryType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CustomerPartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.InvoiceLineType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.ItemPropertyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.ItemType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.MonetaryTotalType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyLegalEntityType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyTaxSchemeType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PaymentTermsType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PeriodType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PriceType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.SupplierPartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxCategoryType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxSchemeType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxSubtotalType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxTotalType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.EndpointIDType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.NoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;
import oasis.names.specification.ubl.schema.xsd.unqualifieddatatypes_21.AmountType;
import oasis.names.specification.ubl.schema.xsd.unqualifieddatatypes_21.QuantityType;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Builds the Peppol JP PINT (billing, {@code urn:peppol:pint:billing-1@jp-1}) UBL 2.1 invoice of a
 * qualified invoice. Amounts are whole yen; every tax category is a tax breakdown with its rate.
 */
public final class JpPintExport {

    static final String CUSTOMIZATION_ID = "urn:peppol:pint:billing-1@jp-1";
    static final String PROFILE_ID = "urn:peppol:bis:billing";
    private static final String CURRENCY = "JPY";
    /** UNTDID 1001: commercial invoice. */
    private static final String COMMERCIAL_INVOICE = "380";
    /** UN/ECE Recommendation 20 "one" (piece): the free-text unit goes into an item property, as JP PINT's examples do. */
    private static final String UNIT_CODE = "H87";
    private static final String UNIT_NAME_PROPERTY = "表示単位名称";
    /** JP PINT names consumption tax with the UNECE 5153 code VAT. */
    private static final String TAX_SCHEME = "VAT";

    private JpPintExport() {
    }

    /**
     * The invoice as UTF-8 XML, built off the event loop: JAXB loads its context and schemas on first use.
     * The marshaller checks the document against the UBL 2.1 schema and answers nothing for one that
     * does not fit, which fails here rather than as an empty export.
     */
    public static Mono<byte[]> xml(QualifiedInvoice invoice) {
        return Mono.fromCallable(() -> {
            byte[] xml = UBL21Marshaller.invoice().getAsBytes(document(invoice));
            if (xml == null) {
                throw new IllegalStateException("Invoice " + invoice.number() + " does not fit the UBL 2.1 schema");
            }
            return xml;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    static InvoiceType document(QualifiedInvoice invoice) {
        InvoiceType ubl = new InvoiceType();
        ubl.setCustomizationID(CUSTOMIZATION_ID);
        ubl.setProfileID(PROFILE_ID);
        ubl.setID(invoice.number());
        ubl.setIssueDate(invoice.issueDate());
        ubl.setDueDate(invoice.dueDate());
        ubl.setInvoiceTypeCode(COMMERCIAL_INVOICE);
        ubl.setDocumentCurrencyCode(CURRENCY);
        PeriodType period = new PeriodType();
        period.setStartDate(invoice.periodStart());
        period.setEndDate(invoice.periodEnd());
        ubl.addInvoicePeriod(period);

        SupplierPartyType supplier = new SupplierPartyType();
        PartyType seller = party(invoice.issuer());
        PartyTaxSchemeType registration = new PartyTaxSchemeType();
        registration.setCompanyID(invoice.registrationNumber().value());
        registration.setTaxScheme(taxScheme());
        seller.addPartyTaxScheme(registration);
        supplier.setParty(seller);
        ubl.setAccountingSupplierParty(supplier);
        CustomerPartyType customer = new CustomerPartyType();
        customer.setParty(party(invoice.recipient()));
        ubl.setAccountingCustomerParty(customer);

        if (invoice.paymentTerms() != null) {
            PaymentTermsType terms = new PaymentTermsType();
            terms.addNote(new NoteType(invoice.paymentTerms()));
            ubl.addPaymentTerms(terms);
        }
        ubl.addTaxTotal(taxTotal(invoice.totals()));
        ubl.setLegalMonetaryTotal(monetaryTotal(invoice.totals()));
        List<LineItem> lines = invoice.lines();
        for (int i = 0; i < lines.size(); i++) {
            ubl.addInvoiceLine(line(i + 1, lines.get(i)));
        }
        return ubl;
    }

    private static PartyType party(InvoiceParty source) {
        PartyType party = new PartyType();
        EndpointIDType endpoint = party.setEndpointID(source.endpoint().id());
        endpoint.setSchemeID(source.endpoint().scheme());
        party.setPostalAddress(address(source.address()));
        PartyLegalEntityType legal = new PartyLegalEntityType();
        legal.setRegistrationName(source.name());
        party.addPartyLegalEntity(legal);
        return party;
    }

    private static AddressType address(PostalAddress source) {
        AddressType address = new AddressType();
        if (source.street() != null) {
            address.setStreetName(source.street());
        }
        if (source.city() != null) {
            address.setCityName(source.city());
        }
        if (source.postalCode() != null) {
            address.setPostalZone(source.postalCode());
        }
        if (source.prefecture() != null) {
            address.setCountrySubentity(source.prefecture());
        }
        CountryType country = new CountryType();
        country.setIdentificationCode(source.countryCode());
        address.setCountry(country);
        return address;
    }

    private static TaxTotalType taxTotal(TaxTotals totals) {
        TaxTotalType total = new TaxTotalType();
        yen(total.setTaxAmount(BigDecimal.valueOf(totals.taxTotal())));
        for (TaxBreakdown breakdown : totals.breakdown()) {
            TaxSubtotalType subtotal = new TaxSubtotalType();
            yen(subtotal.setTaxableAmount(BigDecimal.valueOf(breakdown.taxableAmount())));
            yen(subtotal.setTaxAmount(BigDecimal.valueOf(breakdown.taxAmount())));
            subtotal.setTaxCategory(taxCategory(breakdown.category()));
            total.addTaxSubtotal(subtotal);
        }
        return total;
    }

    private static MonetaryTotalType monetaryTotal(TaxTotals totals) {
        MonetaryTotalType monetary = new MonetaryTotalType();
        yen(monetary.setLineExtensionAmount(BigDecimal.valueOf(totals.subtotal())));
        yen(monetary.setTaxExclusiveAmount(BigDecimal.valueOf(totals.subtotal())));
        yen(monetary.setTaxInclusiveAmount(BigDecimal.valueOf(totals.total())));
        yen(monetary.setPayableAmount(BigDecimal.valueOf(totals.total())));
        return monetary;
    }

    private static InvoiceLineType line(int number, LineItem source) {
        InvoiceLineType line = new InvoiceLineType();
        line.setID(Integer.toString(number));
        piece(line.setInvoicedQuantity(plain(source.quantity())));
        yen(line.setLineExtensionAmount(BigDecimal.valueOf(source.amount())));
        ItemType item = new ItemType();
        item.setName(source.description());
        item.addClassifiedTaxCategory(taxCategory(source.taxCategory()));
        if (source.unit() != null && !source.unit().isBlank()) {
            ItemPropertyType unit = new ItemPropertyType();
            unit.setName(UNIT_NAME_PROPERTY);
            unit.setValue(source.unit());
            item.addAdditionalItemProperty(unit);
        }
        line.setItem(item);
        PriceType price = new PriceType();
        yen(price.setPriceAmount(plain(source.unitPrice())));
        piece(price.setBaseQuantity(BigDecimal.ONE));
        line.setPrice(price);
        return line;
    }

    /**
     * JP PINT's codes: {@code S} for the standard 10 %, {@code AA} ("lower rate") for the reduced 8 %,
     * which is how a qualified invoice marks reduced-rate items, and {@code E} at 0 % for exempt.
     */
    private static TaxCategoryType taxCategory(TaxCategory category) {
        TaxCategoryType tax = new TaxCategoryType();
        tax.setID(switch (category) {
            case STANDARD_10 -> "S";
            case REDUCED_8 -> "AA";
            case EXEMPT -> "E";
        });
        tax.setPercent(BigDecimal.valueOf(category.ratePercent()));
        tax.setTaxScheme(taxScheme());
        return tax;
    }

    private static TaxSchemeType taxScheme() {
        TaxSchemeType scheme = new TaxSchemeType();
        scheme.setID(TAX_SCHEME);
        return scheme;
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static void yen(AmountType amount) {
        amount.setCurrencyID(CURRENCY);
    }

    private static void piece(QuantityType quantity) {
        quantity.setUnitCode(UNIT_CODE);
    }
}
