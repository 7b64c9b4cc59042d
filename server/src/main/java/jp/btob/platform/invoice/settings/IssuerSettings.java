package jp.btob.platform.invoice.settings;

import java.util.Objects;
import java.util.Optional;

import jp.btob.platform.invoice.IssuerKind;
import jp.btob.platform.invoice.RegistrationNumber;
import jp.btob.platform.tax.TaxRounding;

/**
 * How a company issues invoices.
 *
 * @param registrationNumber empty while the company is not a registered qualified invoice issuer
 */
public record IssuerSettings(Optional<RegistrationNumber> registrationNumber, IssuerKind issuerKind,
        TaxRounding taxRounding, int paymentTermsDays) {

    /** The platform's settings for a company that saved none. */
    static final IssuerSettings DEFAULTS = new IssuerSettings(Optional.empty(), IssuerKind.CORPORATION,
            TaxRounding.FLOOR, 30);

    public IssuerSettings {
        Objects.requireNonNull(registrationNumber, "registrationNumber");
        Objects.requireNonNull(issuerKind, "issuerKind");
        Objects.requireNonNull(taxRounding, "taxRounding");
    }
}
