-- A SKU's stock moves with every order placed, cancelled or refunded. Its index made each move a new row
-- version with an entry in each of the table's four indexes (and as many dead entries for vacuum); with no
-- index on the column, the move is heap-only (HOT) when its page has room, which the fillfactor keeps
-- (it applies to pages written from now on). The low-stock list, a rare merchant page, reads the live SKUs
-- instead: a scan of a few thousand rows.
DROP INDEX "skus_stock_idx";
--> statement-breakpoint
ALTER TABLE skus SET (fillfactor = 80);
