-- Who is writing an order into the ERP right now: a claim with a time, so two pushes (a storefront
-- insertion and a partial sync, or two nodes) never both create it, and a crashed push's claim expires.
ALTER TABLE shop_order ADD COLUMN erp_claimed_at TIMESTAMP WITH TIME ZONE;
