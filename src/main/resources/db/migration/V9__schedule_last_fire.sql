-- What a schedule did the last time it fired: started a run, or skipped because the previous one was
-- still going, or could not start. Operators read it in GET .../schedule; the log says the same.
ALTER TABLE sync_schedule ADD COLUMN last_fired_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sync_schedule ADD COLUMN last_fire_outcome VARCHAR(20);
ALTER TABLE sync_schedule ADD COLUMN last_fire_run_id BIGINT;
ALTER TABLE sync_schedule ADD COLUMN last_fire_detail VARCHAR(1000);
