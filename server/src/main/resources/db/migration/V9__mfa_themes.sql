-- A user's second factor (SEC-MFA): the channel they chose, the phone number for SMS and the
-- authenticator app's secret, both encrypted with crypto.FieldEncryption (AES-GCM under the
-- company's data key, bound to this row). totp_last_step is the last RFC 6238 time step a code
-- was accepted for: a code of that step or an earlier one is refused, so no code works twice.
CREATE TABLE user_mfa (
    user_id        uuid        PRIMARY KEY REFERENCES app_user (id),
    company_id     uuid        NOT NULL REFERENCES company (id),
    channel        text        CHECK (channel IN ('EMAIL', 'SMS', 'TOTP')),
    phone_number   bytea,
    phone_hint     text,
    totp_secret    bytea,
    totp_confirmed boolean     NOT NULL DEFAULT false,
    totp_last_step bigint,
    updated_at     timestamptz NOT NULL
);

-- One second-factor challenge per login that needs one. The code is kept only as an HMAC under
-- a key derived from the master key (code_key_id names it); a TOTP challenge has no code of
-- its own. attempts counts verifications, each counted in the statement that checks the limit;
-- consumed_at is set once, by the one verification that wins.
CREATE TABLE mfa_challenge (
    id           text        PRIMARY KEY CHECK (length(id) BETWEEN 20 AND 64),
    user_id      uuid        NOT NULL REFERENCES app_user (id),
    company_id   uuid        NOT NULL REFERENCES company (id),
    channel      text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'TOTP')),
    code_hash    bytea       CHECK (code_hash IS NULL OR length(code_hash) = 32),
    code_key_id  text,
    attempts     integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    resends      integer     NOT NULL DEFAULT 0 CHECK (resends >= 0),
    created_at   timestamptz NOT NULL,
    last_sent_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    consumed_at  timestamptz,
    CHECK ((channel = 'TOTP') = (code_hash IS NULL))
);
CREATE INDEX mfa_challenge_user ON mfa_challenge (user_id, created_at);
CREATE INDEX mfa_challenge_expiry ON mfa_challenge (expires_at);

-- The login theme a user chose (SEC-THEME); without a row, the theme derived from the login ID.
CREATE TABLE user_login_theme (
    user_id    uuid        PRIMARY KEY REFERENCES app_user (id),
    colour     text        NOT NULL CHECK (colour IN ('RED', 'ORANGE', 'YELLOW', 'GREEN', 'TEAL', 'BLUE', 'PURPLE', 'PINK')),
    pattern    text        NOT NULL CHECK (pattern IN ('SOLID', 'STRIPES', 'DOTS', 'CHECKS', 'WAVES', 'TRIANGLES')),
    updated_at timestamptz NOT NULL
);
