-- The search of kept documents (SVC-BOOK): an amount range that holds few of a large company's
-- rows (or none). Since V35 every search walks the date (or counterparty) index in page order and
-- stops after a page, checking the amount on each entry; a range that holds almost nothing at a
-- company with two million rows makes that walk read the company's whole range to learn there is
-- no page (225 ms at p50, measured by bench/search, see docs/performance.md).
--
-- DocumentSearchRepository therefore first counts the range's rows in this index, up to a cap
-- (index entries only, no row read); a range under the cap is read here in full, its entries
-- filtered and sorted by date, and only the page's rows read. The included columns are those the
-- other filters, the cursor and the page's order check, so that neither step reads the table.
--
-- The predicate is true of every row (the table's CHECK on side). Only the count and the sparse
-- statement name it: the plan PostgreSQL keeps for the search statement itself, made for any
-- values, cannot prove it and so cannot use this index, and stays the walk in page order of V35
-- (with an amount index in reach, that plan read a wide range whole and sorted it: 7 to 15 s).
CREATE INDEX document_search_by_amount
    ON document_search (company_id, amount)
    INCLUDE (transaction_date, document_id, side, partner_id, document_type)
    WHERE side IN ('seller', 'buyer');
