-- Operators sign in with a password and an authenticator app's code (OPS-PRIV, SEC-MFA), and
-- manage the companies (see the end).

-- The platform's own confidential fields, such as the operators' TOTP secrets, are encrypted under
-- the data key of the platform, whose owner is the all-zero ID (as the platform's audit chain is);
-- every other data key still belongs to an existing company.
ALTER TABLE data_key DROP CONSTRAINT data_key_company_id_fkey;
CREATE FUNCTION data_key_owner_exists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.company_id <> '00000000-0000-0000-0000-000000000000'
            AND NOT EXISTS (SELECT 1 FROM company WHERE id = NEW.company_id) THEN
        RAISE EXCEPTION 'data key for unknown company %', NEW.company_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER data_key_owner BEFORE INSERT OR UPDATE OF company_id ON data_key
    FOR EACH ROW EXECUTE FUNCTION data_key_owner_exists();

-- An operator's authenticator app: the secret encrypted with crypto.FieldEncryption under the
-- platform's data key (key_owner_id, always the all-zero ID, names it for re-encryption), bound
-- to this row. Unconfirmed until the first code of the enrolling login; totp_last_step is the
-- last time step a code was accepted for, so that no code works twice.
CREATE TABLE operator_mfa (
    operator_id    uuid        PRIMARY KEY REFERENCES operator_account (id),
    key_owner_id   uuid        NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000'
                               CHECK (key_owner_id = '00000000-0000-0000-0000-000000000000'),
    totp_secret    bytea       NOT NULL,
    totp_confirmed boolean     NOT NULL DEFAULT false,
    totp_last_step bigint,
    updated_at     timestamptz NOT NULL
);

-- One challenge per accepted password: the session opens only once its code is right. The ID,
-- 192 random bits, is what ties a code to its operator; enrolment marks the login that confirms
-- a new secret. attempts is counted in the statement that checks the limit; consumed_at is set
-- once, by the one verification that wins.
CREATE TABLE operator_challenge (
    id          text        PRIMARY KEY CHECK (length(id) BETWEEN 20 AND 64),
    operator_id uuid        NOT NULL REFERENCES operator_account (id),
    enrolment   boolean     NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    consumed_at timestamptz
);
CREATE INDEX operator_challenge_operator ON operator_challenge (operator_id, created_at);
CREATE INDEX operator_challenge_expiry ON operator_challenge (expires_at);

-- Operator lockout: wrong passwords and wrong codes counted on the account, each in one
-- statement; locked_until set: locked until then. Only a whole login (the code accepted) clears it.
ALTER TABLE operator_account ADD COLUMN failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0);
ALTER TABLE operator_account ADD COLUMN failure_window_start timestamptz;
ALTER TABLE operator_account ADD COLUMN locked_until timestamptz;

-- Company management by operators (SEC-RBAC, OPS-PRIV): a suspension ends the company's live
-- sessions, recording why; the operators' list pages companies by creation.
ALTER TABLE user_session DROP CONSTRAINT user_session_end_reason_check;
ALTER TABLE user_session ADD CONSTRAINT user_session_end_reason_check CHECK (end_reason IN
    ('LOGOUT', 'IDLE', 'ENDED_BY_USER', 'ENDED_BY_ADMIN', 'PASSWORD_CHANGED', 'COMPANY_SUSPENDED'));
CREATE INDEX company_page ON company (created_at, id);
