-- Idempotency keys (PLT-IDEM): the first answer to a create, kept so that a retry with the same
-- key gets it again instead of a second document. The scope is the caller (company and user or
-- API client), so two callers' keys never meet. A row is claimed (IN_PROGRESS) by the
-- INSERT ... ON CONFLICT DO NOTHING that only one of concurrent requests wins, and holds the
-- answer once DONE; a failed attempt (5xx) deletes its claim so that a retry can succeed.
CREATE TABLE idempotency_key (
    scope          text        NOT NULL,
    idem_key       text        NOT NULL CHECK (length(idem_key) BETWEEN 1 AND 255),
    method         text        NOT NULL,
    path           text        NOT NULL,
    request_hash   bytea       NOT NULL CHECK (length(request_hash) = 32),
    state          text        NOT NULL CHECK (state IN ('IN_PROGRESS', 'DONE')),
    status         integer,
    location       text,
    etag           text,
    content_type   text,
    body           bytea,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (scope, idem_key),
    CHECK ((state = 'DONE') = (status IS NOT NULL))
);
CREATE INDEX idempotency_key_age ON idempotency_key (created_at);

-- The versions of trade documents (SVC-BOOK): every transition and every change of a document
-- once sent appends one row, never changed or deleted. content is the canonical JSON of the
-- document at that version (DocumentCanonical); hash = sha256(prev_hash || content as UTF-8),
-- for the first version sha256(content), so a changed row breaks the chain from there on.
-- seller_id and buyer_id are the two parties, the only companies that may read the history.
CREATE TABLE document_version (
    document_type text        NOT NULL CHECK (document_type ~ '^[a-z-]+$'),
    document_id   uuid        NOT NULL,
    version       integer     NOT NULL CHECK (version > 0),
    seller_id     uuid        NOT NULL REFERENCES company (id),
    buyer_id      uuid        NOT NULL REFERENCES company (id),
    content       text        NOT NULL,
    prev_hash     bytea CHECK (length(prev_hash) = 32),
    hash          bytea       NOT NULL CHECK (length(hash) = 32),
    actor_type    text        NOT NULL,
    actor_id      uuid,
    recorded_at   timestamptz NOT NULL,
    reason        text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    PRIMARY KEY (document_type, document_id, version),
    CHECK ((version = 1) = (prev_hash IS NULL))
);

-- As for the audit trail: these fire for every role, in replication mode too; only the owner
-- can switch them off, which is DDL, and a row changed that way breaks the chain the history
-- verifies.
CREATE TRIGGER document_version_append_only BEFORE UPDATE OR DELETE ON document_version
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER document_version_no_truncate BEFORE TRUNCATE ON document_version
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
ALTER TABLE document_version ENABLE ALWAYS TRIGGER document_version_append_only;
ALTER TABLE document_version ENABLE ALWAYS TRIGGER document_version_no_truncate;

-- Quotes (SVC-QUO): drafted by the seller for a connected buyer. version counts every change and
-- is the ETag; revision counts the contents the buyer was sent. Lines are kept as the API's JSON;
-- the totals beside them are computed once, when the lines are saved, and are what lists filter on.
CREATE TABLE quote (
    id             uuid PRIMARY KEY,
    seller_id      uuid        NOT NULL REFERENCES company (id),
    buyer_id       uuid        NOT NULL REFERENCES company (id),
    status         text        NOT NULL CHECK (status IN ('DRAFT', 'SENT', 'ACCEPTED', 'REJECTED',
                                                          'REVISION_REQUESTED', 'WITHDRAWN')),
    version        integer     NOT NULL CHECK (version > 0),
    revision       integer     NOT NULL CHECK (revision > 0),
    title          text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    valid_until    date        NOT NULL,
    issue_date     date,
    notes          text CHECK (length(notes) <= 2000),
    lines          jsonb       NOT NULL,
    rounding       text        NOT NULL,
    total_amount   bigint      NOT NULL,
    response_note  text CHECK (length(response_note) <= 1000),
    created_by     uuid,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK (seller_id <> buyer_id)
);
CREATE INDEX quote_seller_page ON quote (seller_id, created_at, id);
CREATE INDEX quote_buyer_page ON quote (buyer_id, created_at, id) WHERE status <> 'DRAFT';
