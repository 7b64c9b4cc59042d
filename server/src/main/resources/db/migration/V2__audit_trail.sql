-- The operation audit trail (OPS-AUDIT): who did what, when, from where, to what, and with
-- which outcome. One hash chain per company; events that belong to no company (a login
-- attempt with an unknown ID) go to the platform chain, the all-zero UUID.
CREATE TABLE audit_event (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id     uuid        REFERENCES company (id),
    chain          uuid        NOT NULL GENERATED ALWAYS AS
                                   (coalesce(company_id, '00000000-0000-0000-0000-000000000000'::uuid)) STORED,
    seq            bigint      NOT NULL CHECK (seq > 0),
    occurred_at    timestamptz NOT NULL,
    actor_type     text        NOT NULL CHECK (actor_type IN ('USER', 'SYSTEM', 'ANONYMOUS', 'API_CLIENT', 'OPERATOR')),
    actor_id       uuid,
    action         text        NOT NULL CHECK (action ~ '^[a-z]+(\.[a-z-]+)+$'),
    target_type    text,
    target_id      uuid,
    outcome        text        NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE')),
    source_address text,
    trace_id       text,
    details        jsonb,
    -- The canonical JSON of the columns above, written by the platform: what the hash covers.
    content        text        NOT NULL,
    -- NULL for the first event of a chain; else the hash of the event before it.
    prev_hash      bytea CHECK (length(prev_hash) = 32),
    -- sha256(prev_hash || content as UTF-8); for the first event, sha256(content).
    hash           bytea       NOT NULL CHECK (length(hash) = 32),
    UNIQUE (chain, seq),
    CHECK ((seq = 1) = (prev_hash IS NULL))
);
-- Administrators filter their own company's trail by time, actor, action and outcome.
CREATE INDEX audit_event_company_time ON audit_event (company_id, occurred_at);
CREATE INDEX audit_event_company_actor ON audit_event (company_id, actor_id);

-- The head of each chain. Appending advances it in the same statement that inserts the event,
-- so its row lock makes concurrent appends to one chain take turns: a gapless seq, no fork.
-- It keeps the hash before the last one too, because PostgreSQL 15 cannot answer a row's old
-- values from RETURNING nor modify one row twice in one statement.
CREATE TABLE audit_chain (
    chain          uuid   PRIMARY KEY,
    last_seq       bigint NOT NULL CHECK (last_seq > 0),
    last_hash      bytea  NOT NULL CHECK (length(last_hash) = 32),
    last_prev_hash bytea CHECK (length(last_prev_hash) = 32)
);

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- A chain head may only move forward by one; it is never deleted.
CREATE FUNCTION audit_chain_advance_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.chain <> OLD.chain OR NEW.last_seq <> OLD.last_seq + 1 THEN
        RAISE EXCEPTION 'an audit chain head only moves forward by one'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

-- These triggers hold for every role, the table's owner and superusers included: PostgreSQL
-- fires triggers whatever the role. ENABLE ALWAYS makes them fire in replication mode too
-- (session_replication_role = replica). Only the table's owner or a superuser can disable or
-- drop them, which is DDL that leaves a trace; and a row changed that way breaks the hash
-- chain, which GET /api/v1/audit/verify reports.
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_chain_forward_only BEFORE UPDATE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION audit_chain_advance_only();
ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_append_only;
ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_no_truncate;
ALTER TABLE audit_chain ENABLE ALWAYS TRIGGER audit_chain_no_delete;
ALTER TABLE audit_chain ENABLE ALWAYS TRIGGER audit_chain_no_truncate;
ALTER TABLE audit_chain ENABLE ALWAYS TRIGGER audit_chain_forward_only;
