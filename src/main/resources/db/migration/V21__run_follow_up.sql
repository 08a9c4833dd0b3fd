-- A run of the same kind asked of a running one (a partial ERP sync requested while one runs, which may have
-- read what is pending already): the running one starts it as it ends, on whichever node it runs, instead of
-- a thread waiting for its end. Holds the trigger the follow-up is started with; cleared when taken.
ALTER TABLE sync_run ADD COLUMN follow_up VARCHAR(200);
