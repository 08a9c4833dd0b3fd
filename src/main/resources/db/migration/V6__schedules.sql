-- Schedules (F4): when each shop account runs by itself, and when the ERP delta sync does. Quartz keeps
-- the next fire time of each (its own tables, V7); this table keeps what the merchant asked for and
-- where it came from (CONFIG: the deployment's configuration; API: set through the REST API).
CREATE TABLE sync_schedule (
    target     VARCHAR(80)  NOT NULL PRIMARY KEY,
    account_id VARCHAR(64),
    definition TEXT         NOT NULL,
    source     VARCHAR(10)  NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Customer sync (F3): the shop time up to which the account's customers were read by a scheduled run.
ALTER TABLE shop_account ADD COLUMN customer_watermark TIMESTAMP WITH TIME ZONE;
