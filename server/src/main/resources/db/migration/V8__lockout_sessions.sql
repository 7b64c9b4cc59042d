-- Wrong passwords counted per account (SEC-LOCK). One row per account that failed since its
-- last success; every failure updates it in one statement, so that concurrent attempts on any
-- number of instances count exactly. locked_until set: locked until then, failures not counted.
CREATE TABLE login_lockout (
    user_id      uuid        PRIMARY KEY REFERENCES app_user (id),
    company_id   uuid        NOT NULL REFERENCES company (id),
    window_start timestamptz NOT NULL,
    failures     integer     NOT NULL CHECK (failures >= 1),
    locked_until timestamptz
);

-- Where a session was opened from, and why it ended (SEC-IDLE).
ALTER TABLE user_session ADD COLUMN source_address text CHECK (length(source_address) <= 64);
ALTER TABLE user_session ADD COLUMN end_reason text
    CHECK (end_reason IN ('LOGOUT', 'IDLE', 'ENDED_BY_USER', 'ENDED_BY_ADMIN', 'PASSWORD_CHANGED'));
-- Sessions ended before V8 have no reason; a live session never has one.
ALTER TABLE user_session ADD CONSTRAINT user_session_end_reason CHECK (end_reason IS NULL OR ended_at IS NOT NULL);
-- The administrators' list: a company's live sessions, newest first.
CREATE INDEX user_session_company_live ON user_session (company_id, created_at DESC) WHERE ended_at IS NULL;
