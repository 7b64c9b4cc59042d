-- Contracts (契約書, SVC-CON) between connected trading partners. party_a drafts, party_b is the
-- counterparty; drafter_side names the drafter's side of the trade, from which the seller and
-- the buyer follow (SVC-BOOK keeps every version by them). version counts every change and is
-- the ETag; revision is the number of the current wording in contract_revision.
CREATE TABLE contract (
    id            uuid PRIMARY KEY,
    party_a_id    uuid        NOT NULL REFERENCES company (id),
    party_b_id    uuid        NOT NULL REFERENCES company (id),
    drafter_side  text        NOT NULL CHECK (drafter_side IN ('seller', 'buyer')),
    seller_id     uuid        GENERATED ALWAYS AS
                      (CASE WHEN drafter_side = 'seller' THEN party_a_id ELSE party_b_id END) STORED NOT NULL,
    buyer_id      uuid        GENERATED ALWAYS AS
                      (CASE WHEN drafter_side = 'seller' THEN party_b_id ELSE party_a_id END) STORED NOT NULL,
    status        text        NOT NULL CHECK (status IN ('DRAFT', 'SENT', 'CHANGES_REQUESTED',
                                                         'AGREED_BY_COUNTERPARTY', 'AGREED', 'CANCELLED')),
    version       integer     NOT NULL CHECK (version > 0),
    revision      integer     NOT NULL CHECK (revision > 0),
    -- The first sending: from then on the counterparty sees the contract, cancelled or not; a
    -- draft never sent stays the drafter's only.
    sent_at       timestamptz,
    -- The reason of the last change request or cancellation.
    response_note text CHECK (length(response_note) <= 1000),
    created_by    uuid,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CHECK (party_a_id <> party_b_id),
    CHECK (sent_at IS NOT NULL OR status IN ('DRAFT', 'CANCELLED'))
);
CREATE INDEX contract_party_a_page ON contract (party_a_id, created_at, id);
CREATE INDEX contract_party_b_page ON contract (party_b_id, created_at, id);

-- Every wording of a contract, kept: an edit adds a revision, none is changed or removed. The
-- body is encrypted at rest (SEC-ENC) under the drafter's data key (company_id = party_a_id),
-- with the associated data contract_revision:body:<id>. Both parties read it: the server
-- decrypts it for either once it has checked that the caller is a party, so no key is shared
-- between companies and the counterparty never holds the drafter's key. body_sha256 is the
-- SHA-256 (hex) of the body's exact UTF-8 bytes, what each party's agreement signs.
CREATE TABLE contract_revision (
    id             uuid PRIMARY KEY,
    contract_id    uuid        NOT NULL REFERENCES contract (id),
    revision       integer     NOT NULL CHECK (revision > 0),
    company_id     uuid        NOT NULL REFERENCES company (id),
    title          text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    contract_type  text        NOT NULL CHECK (contract_type IN ('master-agreement', 'nda', 'service-agreement',
                                                                 'other')),
    amount         bigint CHECK (amount >= 0),
    effective_date date        NOT NULL,
    expiry_date    date        NOT NULL,
    renewal_date   date,
    auto_renew     boolean     NOT NULL,
    body           bytea       NOT NULL,
    body_sha256    text        NOT NULL CHECK (body_sha256 ~ '^[0-9a-f]{64}$'),
    created_by     uuid,
    created_at     timestamptz NOT NULL,
    UNIQUE (contract_id, revision),
    CHECK (expiry_date >= effective_date)
);

-- Each party's agreement to one revision: who signed, for which company, when, and the hash of
-- the wording signed. The drafter agrees only to the revision the counterparty agreed to.
CREATE TABLE contract_agreement (
    contract_id  uuid        NOT NULL REFERENCES contract (id),
    company_id   uuid        NOT NULL REFERENCES company (id),
    revision     integer     NOT NULL,
    body_sha256  text        NOT NULL CHECK (body_sha256 ~ '^[0-9a-f]{64}$'),
    signer_type  text        NOT NULL,
    signer_id    uuid        NOT NULL,
    signer_name  text,
    agreed_at    timestamptz NOT NULL,
    PRIMARY KEY (contract_id, company_id),
    FOREIGN KEY (contract_id, revision) REFERENCES contract_revision (contract_id, revision)
);

-- Contracts, their revisions and agreements are never removed; revisions and agreements never
-- change: a cancellation is a state of its own.
CREATE FUNCTION contract_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'contracts are kept: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER contract_no_delete BEFORE DELETE ON contract
    FOR EACH ROW EXECUTE FUNCTION contract_refuse_change();
CREATE TRIGGER contract_no_truncate BEFORE TRUNCATE ON contract
    FOR EACH STATEMENT EXECUTE FUNCTION contract_refuse_change();
CREATE TRIGGER contract_revision_no_delete BEFORE DELETE ON contract_revision
    FOR EACH ROW EXECUTE FUNCTION contract_refuse_change();
CREATE TRIGGER contract_revision_no_truncate BEFORE TRUNCATE ON contract_revision
    FOR EACH STATEMENT EXECUTE FUNCTION contract_refuse_change();
CREATE TRIGGER contract_agreement_no_change BEFORE UPDATE OR DELETE ON contract_agreement
    FOR EACH ROW EXECUTE FUNCTION contract_refuse_change();
CREATE TRIGGER contract_agreement_no_truncate BEFORE TRUNCATE ON contract_agreement
    FOR EACH STATEMENT EXECUTE FUNCTION contract_refuse_change();
