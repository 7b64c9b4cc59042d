-- Per-company data keys (SEC-ENC). A data key encrypts a company's confidential fields; it is
-- kept here only wrapped (AES-256-GCM) by a master key that lives outside the database, so a
-- copy of the database alone decrypts nothing. Each row names the master key that wraps it, so
-- that master-key rotation can re-wrap one row at a time while reads go on.
CREATE TABLE data_key (
    id            uuid        PRIMARY KEY,
    company_id    uuid        NOT NULL REFERENCES company (id),
    version       integer     NOT NULL CHECK (version > 0),
    master_key_id text        NOT NULL CHECK (master_key_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    -- nonce (12 bytes) || the key encrypted (32) || GCM tag (16)
    wrapped_key   bytea       NOT NULL CHECK (length(wrapped_key) = 60),
    state         text        NOT NULL CHECK (state IN ('ACTIVE', 'RETIRED')),
    created_at    timestamptz NOT NULL,
    retired_at    timestamptz,
    UNIQUE (company_id, version),
    CHECK ((state = 'RETIRED') = (retired_at IS NOT NULL))
);
-- New values are written under the one ACTIVE key of their company; retired keys still decrypt.
CREATE UNIQUE INDEX data_key_one_active ON data_key (company_id) WHERE state = 'ACTIVE';
-- Master-key rotation looks for the keys not yet wrapped by the current master key.
CREATE INDEX data_key_master ON data_key (master_key_id);
