-- The search of kept trade documents (SVC-BOOK, 電子帳簿保存法): by transaction date, amount and
-- counterparty, alone or combined, across quotes, orders and invoices. One row per document per
-- party, so that a company's search reads its own rows of one table through one index, whichever
-- side of the trade it was on. The rows are written by the triggers below in the transaction of
-- the document's change, so the search never shows a document other than as it was committed.
-- Documents are never deleted, and neither are their rows: they stay findable for as long as the
-- documents are kept (seven years at least).
CREATE TABLE document_search (
    company_id       uuid        NOT NULL,
    side             text        NOT NULL CHECK (side IN ('seller', 'buyer')),
    document_type    text        NOT NULL CHECK (document_type IN ('quote', 'order', 'invoice')),
    document_id      uuid        NOT NULL,
    partner_id       uuid        NOT NULL,
    number           text,
    title            text,
    status           text        NOT NULL,
    -- A quote's sending (issue_date), an order's order_date, an invoice's issue_date.
    transaction_date date        NOT NULL,
    -- total_amount: yen, tax included.
    amount           bigint      NOT NULL,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (document_type, document_id, side),
    CHECK (company_id <> partner_id)
);

-- Every search is company_id = ? plus any of the filters, ordered by (transaction_date,
-- document_id) and cut by a cursor on that pair; the query names only the filters given, so each
-- combination gets the plan of its own shape. At ten million documents (twenty million rows):
--  * no filter, or dates (with type or side, which keep a third or a half of the rows and are
--    checked on the rows the scan reads): the range of this index, already in page order, read
--    from the cursor on and stopped after one page;
CREATE INDEX document_search_by_date ON document_search (company_id, transaction_date, document_id);
--  * a counterparty, with or without dates, amounts, type or side: the partner's range of this
--    index, again in page order, so even a partner with years of documents is read a page at a time;
CREATE INDEX document_search_by_partner
    ON document_search (company_id, partner_id, transaction_date, document_id);
--  * an amount range without a counterparty: the range of amounts of this index, then the few rows
--    it holds sorted by date; a narrow amount range is selective where a date order is not. The
--    date and ID in the key let a date range and the cursor be checked in the index, before any
--    row is read.
CREATE INDEX document_search_by_amount
    ON document_search (company_id, amount, transaction_date, document_id);

-- Writes the two rows of a document (the seller's and the buyer's) as the document now is. A
-- document with no transaction date (a quote not yet sent) is no transaction document: no row.
CREATE FUNCTION document_search_put(p_type text, p_id uuid, p_seller uuid, p_buyer uuid, p_number text,
                                    p_title text, p_status text, p_date date, p_amount bigint,
                                    p_created timestamptz) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_date IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO document_search (company_id, side, document_type, document_id, partner_id, number, title,
                                 status, transaction_date, amount, created_at)
    VALUES (p_seller, 'seller', p_type, p_id, p_buyer, p_number, p_title, p_status, p_date, p_amount, p_created),
           (p_buyer, 'buyer', p_type, p_id, p_seller, p_number, p_title, p_status, p_date, p_amount, p_created)
    ON CONFLICT (document_type, document_id, side) DO UPDATE SET
        number = EXCLUDED.number,
        title = EXCLUDED.title,
        status = EXCLUDED.status,
        transaction_date = EXCLUDED.transaction_date,
        amount = EXCLUDED.amount;
END
$$;

CREATE FUNCTION document_search_quote() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM document_search_put('quote', NEW.id, NEW.seller_id, NEW.buyer_id, NULL, NEW.title, NEW.status,
                                NEW.issue_date, NEW.total_amount, NEW.created_at);
    RETURN NULL;
END
$$;

CREATE FUNCTION document_search_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM document_search_put('order', NEW.id, NEW.seller_id, NEW.buyer_id, NULL, NEW.title, NEW.status,
                                NEW.order_date, NEW.total_amount, NEW.created_at);
    RETURN NULL;
END
$$;

CREATE FUNCTION document_search_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM document_search_put('invoice', NEW.id, NEW.seller_id, NEW.buyer_id, NEW.number, NULL, NEW.status,
                                NEW.issue_date, NEW.total_amount, NEW.created_at);
    RETURN NULL;
END
$$;

CREATE TRIGGER quote_search AFTER INSERT OR UPDATE ON quote
    FOR EACH ROW EXECUTE FUNCTION document_search_quote();
CREATE TRIGGER purchase_order_search AFTER INSERT OR UPDATE ON purchase_order
    FOR EACH ROW EXECUTE FUNCTION document_search_order();
CREATE TRIGGER invoice_search AFTER INSERT OR UPDATE ON invoice
    FOR EACH ROW EXECUTE FUNCTION document_search_invoice();

-- A kept document stays findable: its rows are changed with it, never removed.
CREATE FUNCTION document_search_refuse_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'kept trade documents stay searchable: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER document_search_no_delete BEFORE DELETE ON document_search
    FOR EACH ROW EXECUTE FUNCTION document_search_refuse_removal();
CREATE TRIGGER document_search_no_truncate BEFORE TRUNCATE ON document_search
    FOR EACH STATEMENT EXECUTE FUNCTION document_search_refuse_removal();

-- The documents kept so far.
INSERT INTO document_search (company_id, side, document_type, document_id, partner_id, number, title, status,
                             transaction_date, amount, created_at)
SELECT party.company_id, party.side, d.document_type, d.id, party.partner_id, d.number, d.title, d.status,
       d.transaction_date, d.total_amount, d.created_at
FROM (SELECT 'quote' AS document_type, id, seller_id, buyer_id, NULL AS number, title, status,
             issue_date AS transaction_date, total_amount, created_at
      FROM quote WHERE issue_date IS NOT NULL
      UNION ALL
      SELECT 'order', id, seller_id, buyer_id, NULL, title, status, order_date, total_amount, created_at
      FROM purchase_order
      UNION ALL
      SELECT 'invoice', id, seller_id, buyer_id, number, NULL, status, issue_date, total_amount, created_at
      FROM invoice) d
CROSS JOIN LATERAL (VALUES (d.seller_id, 'seller', d.buyer_id), (d.buyer_id, 'buyer', d.seller_id))
    AS party (company_id, side, partner_id);
