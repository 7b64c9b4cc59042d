-- The search of kept documents (V23, SVC-BOOK) finds contracts too, for the seller and the
-- buyer, from their first sending on: a draft never sent is the drafter's only and is never
-- found. Its title and amount are its current revision's; its transaction date is the day (in
-- Japan) both parties had agreed, once AGREED, else the day it was first sent. A contract states
-- an amount only when it has one: the amount of its rows may be null, of no other kind's, and an
-- amount filter never finds such a contract.
ALTER TABLE document_search DROP CONSTRAINT document_search_document_type_check;
ALTER TABLE document_search ADD CONSTRAINT document_search_document_type_check
    CHECK (document_type IN ('quote', 'order', 'invoice', 'trade', 'contract'));
ALTER TABLE document_search ALTER COLUMN amount DROP NOT NULL;
ALTER TABLE document_search ADD CONSTRAINT document_search_amount_stated
    CHECK (amount IS NOT NULL OR document_type = 'contract');

-- Writes the contract's two rows as the contract and its current revision now are. The move
-- to a new revision is written before the revision itself: until the revision's insert comes
-- (in the same transaction), there is nothing new to write.
CREATE FUNCTION document_search_contract_put(p_contract uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    c contract%ROWTYPE;
    r contract_revision%ROWTYPE;
BEGIN
    SELECT * INTO c FROM contract WHERE id = p_contract;
    SELECT * INTO r FROM contract_revision WHERE contract_id = c.id AND revision = c.revision;
    IF c.sent_at IS NULL OR r.id IS NULL THEN
        RETURN;
    END IF;
    PERFORM document_search_put('contract', c.id, c.seller_id, c.buyer_id, NULL, r.title, c.status,
                                (CASE WHEN c.status = 'AGREED' THEN c.updated_at ELSE c.sent_at END
                                    AT TIME ZONE 'Asia/Tokyo')::date,
                                r.amount, c.created_at);
END
$$;

CREATE FUNCTION document_search_contract() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'contract' THEN
        PERFORM document_search_contract_put(NEW.id);
    ELSE
        PERFORM document_search_contract_put(NEW.contract_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER contract_search AFTER INSERT OR UPDATE ON contract
    FOR EACH ROW EXECUTE FUNCTION document_search_contract();
CREATE TRIGGER contract_revision_search AFTER INSERT ON contract_revision
    FOR EACH ROW EXECUTE FUNCTION document_search_contract();

-- The contracts sent so far.
SELECT document_search_contract_put(id) FROM contract WHERE sent_at IS NOT NULL;

-- The expiry reminders (SVC-CON) sent: one per contract, date (its expiry or its renewal notice
-- date) and threshold of days before it. The daily job inserts the row and enqueues its e-mails
-- in one transaction; of two instances running the job at once, the second insert waits for the
-- first and then finds the row, so each reminder is sent once.
CREATE TABLE contract_reminder (
    contract_id  uuid        NOT NULL REFERENCES contract (id),
    kind         text        NOT NULL CHECK (kind IN ('expiry', 'renewal')),
    due_date     date        NOT NULL,
    days_before  integer     NOT NULL CHECK (days_before BETWEEN 1 AND 366),
    sent_at      timestamptz NOT NULL,
    PRIMARY KEY (contract_id, kind, due_date, days_before)
);
