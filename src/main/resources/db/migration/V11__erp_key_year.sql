-- Issue 9: ERP document keys carry their year. Mexal keeps each year's documents apart and numbers
-- them from 1 each year, so "OC+1+5" names a different order in 2026 and in 2027: the hub keeps the
-- year (the Anno= it wrote the order under) with the key, and reads the order under it. Orders stored
-- before this have none: they are read under the configured year, as they were written.
ALTER TABLE shop_order ADD COLUMN erp_year INTEGER;

-- Issue 9 item 4 (and issue 10): a full or delta sync whose pulls failed still ends (its push-back ran)
-- but does not use up the monthly quota.
ALTER TABLE sync_run ADD COLUMN counts_against_quota BOOLEAN DEFAULT TRUE NOT NULL;
