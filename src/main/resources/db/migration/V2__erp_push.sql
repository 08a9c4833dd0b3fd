-- What the partial ERP sync needs to know about each pending item: why it is still pending.
ALTER TABLE shop_order ADD COLUMN erp_reason VARCHAR(2000);
ALTER TABLE shop_order ADD COLUMN erp_attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE article ADD COLUMN erp_reason VARCHAR(2000);
ALTER TABLE sync_run ADD COLUMN customers_pushed INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE sync_run ADD COLUMN articles_pushed INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE sync_run ADD COLUMN orders_pushed INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE sync_run ADD COLUMN pushes_failed INTEGER DEFAULT 0 NOT NULL;
