-- Orders (SVC-ORD, SVC-ORD-LITE): placed by the buyer with a connected seller, directly or from
-- an accepted quote. version counts every change and is the ETag. Lines are kept as JSON with
-- their quantities through the order's life (ordered, confirmed, shipped, accepted, rejected,
-- returned, decimals as strings); the total beside them is that of the confirmed quantities
-- (the ordered ones until confirmation) and is what lists filter on.
CREATE TABLE purchase_order (
    id                   uuid PRIMARY KEY,
    seller_id            uuid        NOT NULL REFERENCES company (id),
    buyer_id             uuid        NOT NULL REFERENCES company (id),
    quote_id             uuid REFERENCES quote (id),
    status               text        NOT NULL CHECK (status IN ('PLACED', 'CONFIRMED', 'REJECTED', 'CANCELLED',
                                                                'PARTIALLY_SHIPPED', 'SHIPPED', 'INSPECTED')),
    version              integer     NOT NULL CHECK (version > 0),
    title                text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    order_date           date        NOT NULL,
    notes                text CHECK (length(notes) <= 2000),
    lines                jsonb       NOT NULL,
    rounding             text        NOT NULL,
    total_amount         bigint      NOT NULL,
    last_inspection_date date,
    response_note        text CHECK (length(response_note) <= 1000),
    created_by           uuid,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    CHECK (seller_id <> buyer_id)
);
-- A quote is ordered once: of concurrent orders of one quote, the second insert fails here.
CREATE UNIQUE INDEX purchase_order_quote ON purchase_order (quote_id) WHERE quote_id IS NOT NULL;
CREATE INDEX purchase_order_buyer_page ON purchase_order (buyer_id, created_at, id);
CREATE INDEX purchase_order_seller_page ON purchase_order (seller_id, created_at, id);
