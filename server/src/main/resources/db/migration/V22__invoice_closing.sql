-- The monthly closing (SVC-INV) gathers, per seller and buyer, the orders last inspected in a
-- month: this index finds them without reading the parties' other orders.
CREATE INDEX purchase_order_inspected ON purchase_order (seller_id, buyer_id, last_inspection_date)
    WHERE last_inspection_date IS NOT NULL;
