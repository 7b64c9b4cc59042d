-- Retention of the audit trail (OPS-AUDIT). Expiry removes whole aged months of a chain, from
-- its start, and first records an anchor: the seq and hash of the last event removed. The first
-- event kept links to that hash, so the chain still verifies from the anchor. The anchor is
-- recorded in the chain too, in the audit.expire event that the same transaction appends.
CREATE TABLE audit_anchor (
    chain                uuid        NOT NULL,
    -- The last event removed: the event after it is the first one kept, and links to this hash.
    through_seq          bigint      NOT NULL CHECK (through_seq > 0),
    through_hash         bytea       NOT NULL CHECK (length(through_hash) = 32),
    -- The start of the first month kept (UTC): every event removed occurred before it.
    through_time         timestamptz NOT NULL,
    removed              bigint      NOT NULL CHECK (removed > 0),
    anchored_at          timestamptz NOT NULL,
    -- The anchor this one follows (0 for the first), set by the trigger below. Unique, so that
    -- two transactions anchoring the same chain at once cannot both commit, whatever their
    -- isolation level: the second waits for the first, then fails.
    previous_through_seq bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (chain, through_seq),
    UNIQUE (chain, previous_through_seq),
    CHECK (through_seq > previous_through_seq)
);

-- Finding the chains with aged events, and the first event of a chain that is kept.
CREATE INDEX audit_event_chain_time ON audit_event (chain, occurred_at);

-- An anchor is accepted only if it is true of the chain: it moves forward, it names the hash
-- the event at its seq really has, it ends on a month boundary that is at least a year old (so
-- that no role, the application's included, can anchor and then delete the recent trail), and
-- every event it covers occurred before that boundary, so that no month is removed in part.
CREATE FUNCTION audit_anchor_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    latest   bigint;
    anchored bytea;
    covered  bigint;
    newest   timestamptz;
BEGIN
    SELECT coalesce(max(through_seq), 0) INTO latest FROM audit_anchor WHERE chain = NEW.chain;
    IF NEW.through_seq <= latest THEN
        RAISE EXCEPTION 'audit anchors of a chain only move forward: % is not after %', NEW.through_seq, latest
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.previous_through_seq := latest;
    SELECT hash INTO anchored FROM audit_event WHERE chain = NEW.chain AND seq = NEW.through_seq;
    IF anchored IS NULL OR anchored <> NEW.through_hash THEN
        RAISE EXCEPTION 'an audit anchor must name the hash of the event at its seq'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.through_time <> date_trunc('month', NEW.through_time, 'UTC') THEN
        RAISE EXCEPTION 'an audit anchor ends on the first instant of a month (UTC)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.through_time > now() - interval '1 year' THEN
        RAISE EXCEPTION 'an audit anchor may not cover the last year of the trail'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT count(*), max(occurred_at) INTO covered, newest
        FROM audit_event WHERE chain = NEW.chain AND seq <= NEW.through_seq;
    IF newest >= NEW.through_time THEN
        RAISE EXCEPTION 'an audit anchor covers whole months only: an event it covers occurred at %', newest
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.removed <> covered THEN
        RAISE EXCEPTION 'an audit anchor must count the % events it covers', covered
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

-- Events are never updated; an event is deleted only once an anchor of its chain covers it.
CREATE FUNCTION audit_event_expire_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (
            SELECT 1 FROM audit_anchor WHERE chain = OLD.chain AND through_seq >= OLD.seq) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only: % on % is refused unless an anchor covers the event',
            TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- The same trigger name as before, so that its owner disables it by the name V2 gave it.
DROP TRIGGER audit_event_append_only ON audit_event;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_expire_only();
CREATE TRIGGER audit_anchor_checked BEFORE INSERT ON audit_anchor
    FOR EACH ROW EXECUTE FUNCTION audit_anchor_check();
CREATE TRIGGER audit_anchor_insert_only BEFORE UPDATE OR DELETE ON audit_anchor
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
-- As in V2: they fire for every role and in replication mode too.
ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_append_only;
ALTER TABLE audit_anchor ENABLE ALWAYS TRIGGER audit_anchor_checked;
ALTER TABLE audit_anchor ENABLE ALWAYS TRIGGER audit_anchor_insert_only;
ALTER TABLE audit_anchor ENABLE ALWAYS TRIGGER audit_anchor_no_truncate;
