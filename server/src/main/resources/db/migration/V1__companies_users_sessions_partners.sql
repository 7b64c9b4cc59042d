-- Companies are the tenants; every other table names the company its rows belong to.
CREATE TABLE company (
    id                  uuid PRIMARY KEY,
    code                varchar(9)  NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{4}-[A-Z0-9]{4}$'),
    name                text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    name_kana           text,
    registration_number varchar(14) CHECK (registration_number ~ '^T[0-9]{13}$'),
    address             text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

CREATE TABLE app_user (
    id                  uuid PRIMARY KEY,
    company_id          uuid        NOT NULL REFERENCES company (id),
    login_id            text        NOT NULL CHECK (length(login_id) BETWEEN 3 AND 254),
    display_name        text        NOT NULL,
    email               text        NOT NULL,
    role                text        NOT NULL CHECK (role IN ('ADMIN', 'STAFF')),
    status              text        NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    password_hash       text        NOT NULL,
    password_changed_at timestamptz NOT NULL,
    last_login_at       timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);
-- Login IDs are unique on the whole platform, whatever their case.
CREATE UNIQUE INDEX app_user_login_id_key ON app_user (lower(login_id));
CREATE INDEX app_user_company_page ON app_user (company_id, created_at, id);

-- Only the SHA-256 of a session token is stored; the token itself is never kept.
CREATE TABLE user_session (
    id           uuid PRIMARY KEY,
    token_hash   bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    user_id      uuid        NOT NULL REFERENCES app_user (id),
    company_id   uuid        NOT NULL REFERENCES company (id),
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE partner_connection (
    id           uuid PRIMARY KEY,
    inviter_id   uuid        NOT NULL REFERENCES company (id),
    invitee_id   uuid        NOT NULL REFERENCES company (id),
    status       text        NOT NULL CHECK (status IN ('INVITED', 'ACTIVE', 'SUSPENDED')),
    message      text CHECK (length(message) <= 500),
    invited_at   timestamptz NOT NULL,
    accepted_at  timestamptz,
    suspended_at timestamptz,
    suspended_by uuid REFERENCES company (id),
    updated_at   timestamptz NOT NULL,
    CHECK (inviter_id <> invitee_id),
    CHECK ((status = 'SUSPENDED') = (suspended_by IS NOT NULL))
);
-- One connection per pair of companies, whichever side invited.
CREATE UNIQUE INDEX partner_connection_pair_key
    ON partner_connection (LEAST(inviter_id, invitee_id), GREATEST(inviter_id, invitee_id));
CREATE INDEX partner_connection_inviter_page ON partner_connection (inviter_id, invited_at, id);
CREATE INDEX partner_connection_invitee_page ON partner_connection (invitee_id, invited_at, id);
