-- A company's settings for issuing qualified invoices (SVC-INV), one row per company; a company
-- without a row has the platform's defaults (not a registered issuer, corporation, tax rounded
-- down, 30 days to pay). A corporation's check digit is verified by the application.
CREATE TABLE company_invoicing_settings (
    company_id          uuid        PRIMARY KEY REFERENCES company (id),
    registration_number text        CHECK (registration_number ~ '^T[0-9]{13}$'),
    issuer_kind         text        NOT NULL CHECK (issuer_kind IN ('corporation', 'sole-proprietor')),
    tax_rounding        text        NOT NULL CHECK (tax_rounding IN ('floor', 'ceiling', 'half-up')),
    payment_terms_days  integer     NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 365),
    -- Counts the company's changes; a write names the version it read (optimistic concurrency).
    version             bigint      NOT NULL CHECK (version >= 1),
    updated_at          timestamptz NOT NULL,
    -- A user or an API client holding admin:invoicing.
    updated_by          uuid        NOT NULL
);
