-- Trade documents (TRADE, SVC-TRADE): any business document one company sends a connected
-- partner (delivery notes, receipts, purchase orders and estimates from other systems,
-- acceptance certificates, others), with what the sender states of it. version counts every
-- change and is the ETag. The sender and the receiver are stored; the seller and the buyer,
-- by which the search of kept documents finds it (SVC-BOOK), follow from the sender's side.
CREATE TABLE trade_document (
    id                 uuid PRIMARY KEY,
    sender_id          uuid        NOT NULL REFERENCES company (id),
    receiver_id        uuid        NOT NULL REFERENCES company (id),
    sender_side        text        NOT NULL CHECK (sender_side IN ('seller', 'buyer')),
    seller_id          uuid        GENERATED ALWAYS AS
                           (CASE WHEN sender_side = 'seller' THEN sender_id ELSE receiver_id END) STORED NOT NULL,
    buyer_id           uuid        GENERATED ALWAYS AS
                           (CASE WHEN sender_side = 'seller' THEN receiver_id ELSE sender_id END) STORED NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('delivery-note', 'receipt', 'purchase-order',
                                                            'acceptance-certificate', 'estimate', 'other')),
    kind_label         text CHECK (length(kind_label) BETWEEN 1 AND 100),
    number             text        NOT NULL CHECK (length(number) BETWEEN 1 AND 50),
    status             text        NOT NULL CHECK (status IN ('SENT', 'ACKNOWLEDGED', 'CANCELLED')),
    version            integer     NOT NULL CHECK (version > 0),
    transaction_date   date        NOT NULL,
    -- Yen, tax included, as the sender states it; lists and the search filter on it.
    total_amount       bigint      NOT NULL CHECK (total_amount >= 0),
    tax_amount         bigint CHECK (tax_amount BETWEEN 0 AND total_amount),
    title              text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    notes              text CHECK (length(notes) <= 2000),
    external_reference text CHECK (length(external_reference) BETWEEN 1 AND 200),
    response_note      text CHECK (length(response_note) <= 1000),
    created_by         uuid,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CHECK (sender_id <> receiver_id),
    CHECK (kind <> 'other' OR kind_label IS NOT NULL)
);
-- The sender's number is unique per kind, cancelled documents included: of two concurrent
-- documents with one number, the second insert (or correction) fails here.
CREATE UNIQUE INDEX trade_document_number ON trade_document (sender_id, kind, number);
CREATE INDEX trade_document_sender_page ON trade_document (sender_id, created_at, id);
CREATE INDEX trade_document_receiver_page ON trade_document (receiver_id, created_at, id);

-- A trade document is never removed: a cancellation is a state of its own, kept with its reason.
CREATE FUNCTION trade_document_refuse_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'trade documents are kept: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER trade_document_no_delete BEFORE DELETE ON trade_document
    FOR EACH ROW EXECUTE FUNCTION trade_document_refuse_removal();
CREATE TRIGGER trade_document_no_truncate BEFORE TRUNCATE ON trade_document
    FOR EACH STATEMENT EXECUTE FUNCTION trade_document_refuse_removal();

-- The search of kept documents (V23) finds trade documents too: by their own number, title,
-- status, transaction date and amount, for the seller and the buyer.
ALTER TABLE document_search DROP CONSTRAINT document_search_document_type_check;
ALTER TABLE document_search ADD CONSTRAINT document_search_document_type_check
    CHECK (document_type IN ('quote', 'order', 'invoice', 'trade'));

CREATE FUNCTION document_search_trade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM document_search_put('trade', NEW.id, NEW.seller_id, NEW.buyer_id, NEW.number, NEW.title, NEW.status,
                                NEW.transaction_date, NEW.total_amount, NEW.created_at);
    RETURN NULL;
END
$$;

CREATE TRIGGER trade_document_search AFTER INSERT OR UPDATE ON trade_document
    FOR EACH ROW EXECUTE FUNCTION document_search_trade();
