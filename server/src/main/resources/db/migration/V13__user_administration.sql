-- Company administrators manage their users (SEC-RBAC): a deleted user keeps their row and
-- audit trail but never logs in again, and the sessions an administrator ends say why.

ALTER TABLE app_user DROP CONSTRAINT app_user_status_check;
ALTER TABLE app_user
    ADD CONSTRAINT app_user_status_check CHECK (status IN ('ACTIVE', 'DISABLED', 'DELETED')),
    ADD COLUMN deleted_at timestamptz,
    ADD CONSTRAINT app_user_deleted CHECK ((status = 'DELETED') = (deleted_at IS NOT NULL));

ALTER TABLE user_session DROP CONSTRAINT user_session_end_reason_check;
ALTER TABLE user_session ADD CONSTRAINT user_session_end_reason_check
    CHECK (end_reason IN ('LOGOUT', 'IDLE', 'ENDED_BY_USER', 'ENDED_BY_ADMIN', 'PASSWORD_CHANGED',
                          'USER_DISABLED', 'USER_DELETED', 'PASSWORD_RESET'));

-- The administrators' user list filters by status and by role.
CREATE INDEX app_user_company_status_page ON app_user (company_id, status, created_at, id);
