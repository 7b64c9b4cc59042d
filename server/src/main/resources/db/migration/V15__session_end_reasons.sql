-- Every reason a session can end for: V12 (company suspension) and V13 (user administration)
-- each widened the list on its own; this is their union.
ALTER TABLE user_session DROP CONSTRAINT user_session_end_reason_check;
ALTER TABLE user_session ADD CONSTRAINT user_session_end_reason_check
    CHECK (end_reason IN ('LOGOUT', 'IDLE', 'ENDED_BY_USER', 'ENDED_BY_ADMIN', 'PASSWORD_CHANGED',
                          'USER_DISABLED', 'USER_DELETED', 'PASSWORD_RESET', 'COMPANY_SUSPENDED'));
