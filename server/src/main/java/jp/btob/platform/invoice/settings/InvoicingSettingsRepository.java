package jp.btob.platform.invoice.settings;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.invoice.IssuerKind;
import jp.btob.platform.invoice.RegistrationNumber;
import jp.btob.platform.tax.TaxRounding;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The invoicing settings companies saved, one row each, written only at the version the writer read. */
@Repository
class InvoicingSettingsRepository {

    private static final String COLUMNS = """
            company_id, registration_number, issuer_kind, tax_rounding, payment_terms_days, version, updated_at,
            updated_by""";

    private final DatabaseClient db;

    InvoicingSettingsRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<VersionedIssuerSettings> find(UUID companyId) {
        return db.sql("SELECT " + COLUMNS + " FROM company_invoicing_settings WHERE company_id = :company")
                .bind("company", companyId)
                .map(InvoicingSettingsRepository::read)
                .one();
    }

    /**
     * The settings as the next version, in one statement: the company's first row as version 1, or its
     * row updated only if the saved version is {@code expected} (rows are never deleted, so a writer that
     * read version 0 conflicts with any row saved since). Empty when another writer got there first.
     */
    Mono<VersionedIssuerSettings> save(UUID companyId, IssuerSettings settings, long expected, Instant now,
                                       UUID actorId) {
        GenericExecuteSpec spec = db.sql("INSERT INTO company_invoicing_settings (" + COLUMNS + """
                        ) VALUES (:company, :registration, :kind, :rounding, :terms, 1, :now, :actor)
                        ON CONFLICT (company_id) DO UPDATE SET
                            registration_number = EXCLUDED.registration_number, issuer_kind = EXCLUDED.issuer_kind,
                            tax_rounding = EXCLUDED.tax_rounding, payment_terms_days = EXCLUDED.payment_terms_days,
                            version = company_invoicing_settings.version + 1, updated_at = EXCLUDED.updated_at,
                            updated_by = EXCLUDED.updated_by
                          WHERE company_invoicing_settings.version = :expected
                        RETURNING\s""" + COLUMNS)
                .bind("company", companyId)
                .bind("kind", settings.issuerKind().value())
                .bind("rounding", settings.taxRounding().value())
                .bind("terms", settings.paymentTermsDays())
                .bind("expected", expected)
                .bind("now", now)
                .bind("actor", actorId);
        GenericExecuteSpec bound = settings.registrationNumber()
                .map(number -> spec.bind("registration", number.value()))
                .orElseGet(() -> spec.bindNull("registration", String.class));
        return bound.map(InvoicingSettingsRepository::read).one();
    }

    private static VersionedIssuerSettings read(Readable row) {
        IssuerSettings settings = new IssuerSettings(
                Optional.ofNullable(row.get("registration_number", String.class)).map(RegistrationNumber::new),
                IssuerKind.fromValue(row.get("issuer_kind", String.class)),
                TaxRounding.fromValue(row.get("tax_rounding", String.class)),
                row.get("payment_terms_days", Integer.class));
        return new VersionedIssuerSettings(settings, row.get("version", Long.class), row.get("updated_at", Instant.class),
                row.get("updated_by", UUID.class));
    }
}
