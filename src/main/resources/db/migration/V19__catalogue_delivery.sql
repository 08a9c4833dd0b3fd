-- Issue 13, the delivery of listing transactions to the shops' catalogues: how many times a transaction was
-- sent (attempts), and not before when it may be sent again after the shop asked to wait (5xx, 429 and its
-- Retry-After). Portable SQL: runs on PostgreSQL and on HSQLDB (sql.syntax_pgs=true).
ALTER TABLE listing_transaction ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE listing_transaction ADD COLUMN retry_at TIMESTAMP WITH TIME ZONE;
-- The process that sent it (hub_node.incarnation): a SENT transaction is resent only when that process is gone
-- or is the one delivering, never while another live node's call may still be under way.
ALTER TABLE listing_transaction ADD COLUMN sent_by VARCHAR(100);
