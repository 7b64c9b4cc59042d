-- The search of kept documents (SVC-BOOK) at ten million documents (twenty million rows, a hub
-- company holding several hundred thousand of them): every filter is checked in the index the
-- search walks in page order, and no search sorts a range of rows (measured by bench/search,
-- see docs/performance.md).
--
-- The server's driver keeps each statement prepared on its connection, so after five executions
-- PostgreSQL may plan a statement once for any values: a range of amounts is then assumed to
-- keep half a percent of the rows, whatever its bounds. With document_search_by_amount that plan
-- read the whole range of amounts and sorted it by date; a wide range at a hub is most of the
-- company's rows (hundreds of thousands, 100-700 ms). Without it, an amount range is read, like
-- every other filter, along the date order from the cursor on, stopping after one page: the
-- wider the range the sooner. A narrow one reads further, but only index entries, as the amount
-- and the side are now keys of the index and checked on the entry, before any row is read.
DROP INDEX document_search_by_amount;

--  * no counterparty: the company's range in date order; an amount range, the side and the
--    cursor are checked in the index, the type on the rows read (it keeps a third or more).
DROP INDEX document_search_by_date;
CREATE INDEX document_search_by_date
    ON document_search (company_id, transaction_date, document_id, amount, side);

--  * a counterparty: the pair's range in date order, amounts and side checked likewise, so even
--    a partner with years of documents and a narrow amount range reads no row it does not show.
DROP INDEX document_search_by_partner;
CREATE INDEX document_search_by_partner
    ON document_search (company_id, partner_id, transaction_date, document_id, amount, side);
