-- API clients for ERP integration (SEC-RBAC, SEC-IP): a company's machine callers, with the
-- function permissions they may use (scopes) and an optional expiry. A revoked client keeps its
-- row, so the audit trail's actor IDs keep naming something.
CREATE TABLE api_client (
    id           uuid PRIMARY KEY,
    company_id   uuid        NOT NULL REFERENCES company (id),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    scopes       text[]      NOT NULL,
    expires_at   timestamptz,
    -- The administrator, a user or another API client, who created it.
    created_by   uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    -- Written at most once a minute per client, not on every request.
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_client_company ON api_client (company_id, created_at, id);

-- A client's secrets: the current one (valid_until NULL) and, after a rotation, the previous one
-- until its overlap ends. Only the SHA-256 of a secret is kept. A secret is 256 random bits, so
-- no guessing or dictionary attack can reach it through its hash: a fast hash is enough, and
-- lets each request find its client with one lookup of this unique index instead of a password
-- hash (bcrypt, Argon2) that would cost every API call tens of milliseconds of CPU.
CREATE TABLE api_client_secret (
    id          uuid PRIMARY KEY,
    client_id   uuid        NOT NULL REFERENCES api_client (id),
    secret_hash bytea       NOT NULL CHECK (length(secret_hash) = 32),
    prefix      text        NOT NULL CHECK (prefix ~ '^btob_sk_[A-Za-z0-9_-]{6}$'),
    created_at  timestamptz NOT NULL,
    valid_until timestamptz
);
CREATE UNIQUE INDEX api_client_secret_hash_key ON api_client_secret (secret_hash);
CREATE INDEX api_client_secret_client ON api_client_secret (client_id);
-- At most one current secret per client.
CREATE UNIQUE INDEX api_client_secret_current ON api_client_secret (client_id) WHERE valid_until IS NULL;

-- Security settings may now be changed by an API client with admin:security: updated_by names
-- the user or the client, as the audit trail's actor does.
ALTER TABLE company_security_settings DROP CONSTRAINT company_security_settings_updated_by_fkey;
