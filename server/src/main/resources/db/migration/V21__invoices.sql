-- Qualified invoices (SVC-INV): issued by the seller to its buyer, directly or from an order's
-- billable lines. What 消費税法 57-4 requires is stored as it was at issue (issuer name and
-- registration number, recipient name, dates, lines, rounding) so that later changes of names or
-- settings never change an issued invoice. version counts every change and is the ETag.
CREATE SEQUENCE invoice_number_seq;

CREATE TABLE invoice (
    id                  uuid PRIMARY KEY,
    number              text        NOT NULL UNIQUE,
    seller_id           uuid        NOT NULL REFERENCES company (id),
    buyer_id            uuid        NOT NULL REFERENCES company (id),
    order_id            uuid REFERENCES purchase_order (id),
    corrects_id         uuid REFERENCES invoice (id),
    status              text        NOT NULL CHECK (status IN ('ISSUED', 'APPROVED', 'DISPUTED', 'CANCELLED')),
    version             integer     NOT NULL CHECK (version > 0),
    issuer_name         text        NOT NULL,
    registration_number text        NOT NULL,
    recipient_name      text        NOT NULL,
    issue_date          date        NOT NULL,
    period_start        date        NOT NULL,
    period_end          date        NOT NULL CHECK (period_end >= period_start),
    due_date            date        NOT NULL,
    notes               text CHECK (length(notes) <= 2000),
    lines               jsonb       NOT NULL,
    rounding            text        NOT NULL,
    total_amount        bigint      NOT NULL,
    -- The payments received, in order, and their sum, which never exceeds the total.
    payments            jsonb       NOT NULL DEFAULT '[]',
    paid_amount         bigint      NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
    response_note       text CHECK (length(response_note) <= 1000),
    created_by          uuid,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CHECK (seller_id <> buyer_id),
    CHECK (paid_amount <= total_amount)
);
-- A cancelled invoice is corrected once.
CREATE UNIQUE INDEX invoice_corrects ON invoice (corrects_id) WHERE corrects_id IS NOT NULL;
CREATE INDEX invoice_buyer_page ON invoice (buyer_id, created_at, id);
CREATE INDEX invoice_seller_page ON invoice (seller_id, created_at, id);

-- The order lines an invoice bills: a line is invoiced once, so of two concurrent invoices of
-- one order the second insert fails here. Cancelling an invoice frees its lines.
CREATE TABLE invoiced_order_line (
    order_id   uuid    NOT NULL REFERENCES purchase_order (id),
    line       integer NOT NULL CHECK (line > 0),
    invoice_id uuid    NOT NULL REFERENCES invoice (id),
    PRIMARY KEY (order_id, line)
);
CREATE INDEX invoiced_order_line_invoice ON invoiced_order_line (invoice_id);
