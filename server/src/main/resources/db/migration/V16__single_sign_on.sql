-- Single sign-on per company through OpenID Connect and SAML 2.0 (SEC-SSO).

-- A company's identity providers. The OpenID Connect client secret is encrypted under the
-- company's data key (crypto.FieldEncryption); SAML certificates are public, kept as PEM.
CREATE TABLE identity_provider (
    id                     uuid PRIMARY KEY,
    company_id             uuid        NOT NULL REFERENCES company (id),
    kind                   text        NOT NULL CHECK (kind IN ('OIDC', 'SAML')),
    name                   text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    enabled                boolean     NOT NULL,
    -- The claim or attribute holding the login ID; null: OIDC `email`, SAML the NameID.
    login_attribute        text CHECK (length(login_attribute) BETWEEN 1 AND 200),
    jit_enabled            boolean     NOT NULL,
    -- Deleting a custom role leaves the provider without one: JIT then refuses until set again.
    jit_role_id            uuid REFERENCES company_role (id) ON DELETE SET NULL,
    issuer                 text,
    client_id              text,
    client_secret          bytea,
    scopes                 text[],
    saml_idp_entity_id     text,
    saml_idp_sso_url       text,
    saml_idp_certificates  text[],
    saml_metadata_url      text,
    saml_allow_unsolicited boolean     NOT NULL DEFAULT false,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    CHECK ((kind = 'OIDC') = (issuer IS NOT NULL AND client_id IS NOT NULL AND client_secret IS NOT NULL)),
    CHECK ((kind = 'SAML') = (saml_idp_entity_id IS NOT NULL AND saml_idp_sso_url IS NOT NULL
                              AND saml_idp_certificates IS NOT NULL))
);
CREATE INDEX identity_provider_company ON identity_provider (company_id, created_at, id);

-- A company's single sign-on options; a company without a row has them all off.
CREATE TABLE company_sso (
    company_id uuid PRIMARY KEY REFERENCES company (id),
    sso_only   boolean     NOT NULL,
    updated_at timestamptz NOT NULL
);

-- OpenID Connect sign-ins under way: found by the SHA-256 of `state`, bound to the browser by
-- the SHA-256 of its state cookie, consumed once by DELETE ... RETURNING.
CREATE TABLE oidc_sign_in (
    state_hash    bytea PRIMARY KEY,
    provider_id   uuid        NOT NULL REFERENCES identity_provider (id) ON DELETE CASCADE,
    browser_hash  bytea       NOT NULL,
    nonce         text        NOT NULL,
    code_verifier text        NOT NULL,
    redirect_uri  text        NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX oidc_sign_in_expiry ON oidc_sign_in (expires_at);
