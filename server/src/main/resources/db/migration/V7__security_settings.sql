-- A company's security settings, one row per company; a company without a row has the
-- platform's defaults (btob.security.defaults). The checks hold the platform's fixed limits;
-- the configured floors are applied by the application, since they may change.
CREATE TABLE company_security_settings (
    company_id                     uuid        PRIMARY KEY REFERENCES company (id),
    preset                         text        NOT NULL CHECK (preset IN ('WHITEPAPER', 'ASVS', 'CUSTOM')),
    password_min_length            integer     NOT NULL CHECK (password_min_length >= 1),
    password_max_length            integer     NOT NULL CHECK (password_max_length <= 128),
    password_min_character_classes integer     NOT NULL CHECK (password_min_character_classes BETWEEN 0 AND 4),
    password_history_count         integer     NOT NULL CHECK (password_history_count BETWEEN 0 AND 24),
    refuse_common_passwords        boolean     NOT NULL,
    refuse_login_id                boolean     NOT NULL,
    password_expiry_days           integer     NOT NULL CHECK (password_expiry_days BETWEEN 0 AND 3650),
    idle_timeout_enabled           boolean     NOT NULL,
    idle_timeout_minutes           integer     NOT NULL CHECK (idle_timeout_minutes BETWEEN 1 AND 1440),
    absolute_lifetime_minutes      integer     NOT NULL CHECK (absolute_lifetime_minutes >= 1),
    lockout_max_failures           integer     NOT NULL CHECK (lockout_max_failures >= 1),
    lockout_window_minutes         integer     NOT NULL CHECK (lockout_window_minutes BETWEEN 1 AND 1440),
    lockout_duration_minutes       integer     NOT NULL CHECK (lockout_duration_minutes BETWEEN 1 AND 1440),
    mfa_required                   boolean     NOT NULL,
    mfa_allowed_channels           text[]      NOT NULL CHECK (mfa_allowed_channels <@ ARRAY['EMAIL', 'SMS', 'TOTP']),
    -- Counts the company's changes; a write names the version it read (optimistic concurrency).
    version                        bigint      NOT NULL CHECK (version >= 1),
    updated_at                     timestamptz NOT NULL,
    updated_by                     uuid        NOT NULL REFERENCES app_user (id),
    CHECK (password_min_length <= password_max_length)
);

-- The Argon2id hashes of a user's earlier passwords, newest last by seq; at most the 24 a
-- policy's history can ask for are kept. The current password stays in app_user.
CREATE TABLE password_history (
    seq           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES app_user (id),
    password_hash text        NOT NULL,
    retired_at    timestamptz NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, seq);

-- A session opened with an expired password can only change it (SEC-PWEXP).
ALTER TABLE user_session ADD COLUMN password_change_required boolean NOT NULL DEFAULT false;
