-- Spec sheets (SVC-SPEC): requested by the buyer from a connected seller, filled in and submitted
-- by the seller, approved or returned by the buyer. version counts every change and is the ETag;
-- revision counts the submissions. content is the seller's sheet as it now is, as the API's JSON
-- with decimals as strings; every submission copies it into spec_sheet_revision.
CREATE TABLE spec_sheet (
    id             uuid PRIMARY KEY,
    seller_id      uuid        NOT NULL REFERENCES company (id),
    buyer_id       uuid        NOT NULL REFERENCES company (id),
    status         text        NOT NULL CHECK (status IN ('REQUESTED', 'SUBMITTED', 'RETURNED', 'APPROVED',
                                                          'CANCELLED')),
    version        integer     NOT NULL CHECK (version > 0),
    revision       integer     NOT NULL CHECK (revision >= 0),
    product_name   text        NOT NULL CHECK (length(product_name) BETWEEN 1 AND 200),
    product_code   text CHECK (length(product_code) BETWEEN 1 AND 50),
    due_date       date,
    note           text CHECK (length(note) <= 2000),
    content        jsonb       NOT NULL,
    response_note  text CHECK (length(response_note) <= 2000),
    submitted_at   timestamptz,
    created_by     uuid,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK (seller_id <> buyer_id),
    CHECK ((revision = 0) = (submitted_at IS NULL))
);
CREATE INDEX spec_sheet_buyer_page ON spec_sheet (buyer_id, created_at, id);
CREATE INDEX spec_sheet_seller_page ON spec_sheet (seller_id, created_at, id);

-- Every submitted revision, as submitted: only ever inserted, like the document versions.
CREATE TABLE spec_sheet_revision (
    spec_sheet_id uuid        NOT NULL REFERENCES spec_sheet (id),
    revision      integer     NOT NULL CHECK (revision > 0),
    content       jsonb       NOT NULL,
    submitted_by  uuid,
    submitted_at  timestamptz NOT NULL,
    PRIMARY KEY (spec_sheet_id, revision)
);
CREATE TRIGGER spec_sheet_revision_append_only BEFORE UPDATE OR DELETE ON spec_sheet_revision
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER spec_sheet_revision_no_truncate BEFORE TRUNCATE ON spec_sheet_revision
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
ALTER TABLE spec_sheet_revision ENABLE ALWAYS TRIGGER spec_sheet_revision_append_only;
ALTER TABLE spec_sheet_revision ENABLE ALWAYS TRIGGER spec_sheet_revision_no_truncate;
