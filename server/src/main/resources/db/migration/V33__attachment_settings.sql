-- A company's own limit on the size of the files it attaches (SEC-AV), one row per company; a
-- company without a row has the platform's btob.attachments.max-size, which also caps a row
-- saved under a higher ceiling (applied by the application, since the setting may change).
CREATE TABLE company_attachment_settings (
    company_id uuid        PRIMARY KEY REFERENCES company (id),
    max_size   bigint      NOT NULL CHECK (max_size >= 1024),
    -- Counts the company's changes; a write names the version it read (optimistic concurrency).
    version    bigint      NOT NULL CHECK (version >= 1),
    updated_at timestamptz NOT NULL,
    -- A user or an API client holding admin:security.
    updated_by uuid        NOT NULL
);
