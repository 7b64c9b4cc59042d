package jp.btob.platform.invoice.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jp.btob.platform.api.model.InvoicingSettings;
import jp.btob.platform.api.model.InvoicingSettingsUpdate;
import jp.btob.platform.invoice.IssuerKind;
import jp.btob.platform.invoice.RegistrationNumber;
import jp.btob.platform.tax.TaxRounding;
import jp.btob.platform.system.Times;

/** Between the invoicing settings' records and the API's models, in both directions, once. */
final class InvoicingSettingsMapper {

    private static final String REGISTRATION_NUMBER = "registrationNumber";

    private InvoicingSettingsMapper() {
    }

    /**
     * The settings sent, with the registration number checked for the issuer kind sent with it.
     *
     * @throws jp.btob.platform.system.problem.InvalidRegistrationNumberException if it is no valid number
     */
    static IssuerSettings settings(InvoicingSettingsUpdate update) {
        IssuerKind kind = IssuerKind.fromValue(update.getIssuerKind().getValue());
        Optional<RegistrationNumber> number = Optional.ofNullable(update.getRegistrationNumber())
                .map(text -> RegistrationNumber.parse(REGISTRATION_NUMBER, text, kind));
        return new IssuerSettings(number, kind, TaxRounding.fromValue(update.getTaxRounding().getValue()),
                update.getPaymentTermsDays());
    }

    static InvoicingSettings api(VersionedIssuerSettings versioned) {
        IssuerSettings settings = versioned.settings();
        return new InvoicingSettings(
                jp.btob.platform.api.model.IssuerKind.fromValue(settings.issuerKind().value()),
                jp.btob.platform.api.model.TaxRounding.fromValue(settings.taxRounding().value()),
                settings.paymentTermsDays(), versioned.version())
                .registrationNumber(settings.registrationNumber().map(RegistrationNumber::value).orElse(null))
                .updatedAt(Times.utc(versioned.updatedAt()))
                .updatedBy(versioned.updatedBy());
    }

    /** The settings as the audit trail shows them, with the API's names. */
    static Map<String, Object> describe(IssuerSettings settings) {
        Map<String, Object> described = new LinkedHashMap<>();
        settings.registrationNumber().ifPresent(number -> described.put(REGISTRATION_NUMBER, number.value()));
        described.put("issuerKind", settings.issuerKind().value());
        described.put("taxRounding", settings.taxRounding().value());
        described.put("paymentTermsDays", settings.paymentTermsDays());
        return described;
    }
}
