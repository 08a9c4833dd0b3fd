-- Progress of a run while it runs: what the total is when the source says it (a shop's order count, the
-- customers a refresh walks, what a partial ERP sync was handed so far) and what has been read so far by
-- runs whose counts have no column of their own (a customer sync). Written once per page or batch.
ALTER TABLE sync_run ADD COLUMN progress_total INTEGER;
ALTER TABLE sync_run ADD COLUMN progress_read INTEGER DEFAULT 0 NOT NULL;
-- Orders read again that the run or an earlier one had already imported unchanged: the page boundary's
-- last second and the overlap window. Counted apart from the orders imported earlier and changed since.
ALTER TABLE sync_run ADD COLUMN orders_reread INTEGER DEFAULT 0 NOT NULL;
-- The kind asked for when the run is of another kind (a first delta ERP sync runs as a full one), and why.
ALTER TABLE sync_run ADD COLUMN requested_kind VARCHAR(30);
ALTER TABLE sync_run ADD COLUMN kind_reason VARCHAR(500);
-- How often a held order was re-mapped from its stored shop payload (POST /api/orders/{id}/retry).
ALTER TABLE shop_order ADD COLUMN retries INTEGER DEFAULT 0 NOT NULL;
