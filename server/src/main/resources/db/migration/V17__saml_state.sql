-- SAML single sign-on (SEC-SSO). The AuthnRequests the platform sent and awaits an answer to:
-- each is answered once (deleted as it is consumed) and only by a response posted from the
-- browser that started it (the SHA-256 of a value held in that browser's cookie).
CREATE TABLE saml_request (
    id           text        PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
    provider_id  uuid        NOT NULL REFERENCES identity_provider (id) ON DELETE CASCADE,
    company_id   uuid        NOT NULL REFERENCES company (id),
    browser_hash bytea       NOT NULL CHECK (length(browser_hash) = 32),
    relay_state  text        CHECK (length(relay_state) <= 80),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX saml_request_expiry ON saml_request (expires_at);

-- The assertions accepted, each at most once: kept until the assertion would be refused as
-- expired anyway, then purged. The IdP's entity ID scopes its IDs; they outlive their provider's
-- removal, so a provider registered again cannot be sent the same assertion twice.
CREATE TABLE saml_assertion_use (
    issuer       text        NOT NULL,
    assertion_id text        NOT NULL,
    provider_id  uuid        NOT NULL,
    used_at      timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (issuer, assertion_id)
);
CREATE INDEX saml_assertion_use_expiry ON saml_assertion_use (expires_at);
