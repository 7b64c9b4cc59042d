-- Platform operators (OPS-PRIV): a login realm of their own, apart from the companies' users.
-- Their login IDs are unique among operators; a company user may have the same one, since the
-- two realms sign in at different addresses and never see each other's accounts.
CREATE TABLE operator_account (
    id                  uuid PRIMARY KEY,
    login_id            text        NOT NULL CHECK (length(login_id) BETWEEN 3 AND 254),
    display_name        text        NOT NULL,
    email               text        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    password_hash       text        NOT NULL,
    password_changed_at timestamptz NOT NULL,
    last_login_at       timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);
CREATE UNIQUE INDEX operator_account_login_id_key ON operator_account (lower(login_id));

-- Operator sessions, known by the SHA-256 of their token like the users' sessions, in a table of
-- their own so that no query of one realm can ever find a session of the other.
CREATE TABLE operator_session (
    id           uuid PRIMARY KEY,
    token_hash   bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    operator_id  uuid        NOT NULL REFERENCES operator_account (id),
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz
);
CREATE INDEX operator_session_operator ON operator_session (operator_id);

-- Security incidents (OPS-INC). notify_by is the first detection plus the 24 hours the platform
-- promises (whitepaper 5-3-2), fixed when the incident is recorded.
CREATE TABLE incident (
    id          uuid PRIMARY KEY,
    title       text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description text        NOT NULL CHECK (length(description) BETWEEN 1 AND 10000),
    severity    text        NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    status      text        NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
    detected_at timestamptz NOT NULL,
    notify_by   timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by uuid        NOT NULL REFERENCES operator_account (id),
    resolved_at timestamptz,
    resolved_by uuid REFERENCES operator_account (id),
    resolution  text CHECK (length(resolution) BETWEEN 1 AND 5000),
    updated_at  timestamptz NOT NULL,
    CHECK (detected_at <= recorded_at),
    CHECK (notify_by > detected_at),
    CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL)),
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL) AND (resolved_at IS NULL) = (resolution IS NULL))
);
CREATE INDEX incident_page ON incident (recorded_at, id);

-- One notice per affected company: published when written, so notified_at is the moment the
-- company was notified, the fact the 24-hour promise is judged by.
CREATE TABLE incident_notice (
    id              uuid PRIMARY KEY,
    incident_id     uuid        NOT NULL REFERENCES incident (id),
    company_id      uuid        NOT NULL REFERENCES company (id),
    notified_at     timestamptz NOT NULL,
    recipient_count integer     NOT NULL CHECK (recipient_count >= 0),
    UNIQUE (incident_id, company_id)
);
CREATE INDEX incident_notice_company_page ON incident_notice (company_id, notified_at, id);

CREATE TABLE incident_update (
    id          uuid PRIMARY KEY,
    incident_id uuid        NOT NULL REFERENCES incident (id),
    posted_at   timestamptz NOT NULL,
    posted_by   uuid        NOT NULL REFERENCES operator_account (id),
    text        text        NOT NULL CHECK (length(text) BETWEEN 1 AND 5000)
);
CREATE INDEX incident_update_incident ON incident_update (incident_id, posted_at, id);

-- A notice is the evidence that a company was told, and when: moving notified_at back would turn
-- a missed promise into a kept one. Notices and updates are written once, never changed.
CREATE FUNCTION incident_record_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'incident notices and updates are written once: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER incident_notice_write_once BEFORE UPDATE OR DELETE ON incident_notice
    FOR EACH ROW EXECUTE FUNCTION incident_record_refuse_change();
CREATE TRIGGER incident_notice_no_truncate BEFORE TRUNCATE ON incident_notice
    FOR EACH STATEMENT EXECUTE FUNCTION incident_record_refuse_change();
CREATE TRIGGER incident_update_write_once BEFORE UPDATE OR DELETE ON incident_update
    FOR EACH ROW EXECUTE FUNCTION incident_record_refuse_change();
CREATE TRIGGER incident_update_no_truncate BEFORE TRUNCATE ON incident_update
    FOR EACH STATEMENT EXECUTE FUNCTION incident_record_refuse_change();
ALTER TABLE incident_notice ENABLE ALWAYS TRIGGER incident_notice_write_once;
ALTER TABLE incident_notice ENABLE ALWAYS TRIGGER incident_notice_no_truncate;
ALTER TABLE incident_update ENABLE ALWAYS TRIGGER incident_update_write_once;
ALTER TABLE incident_update ENABLE ALWAYS TRIGGER incident_update_no_truncate;
