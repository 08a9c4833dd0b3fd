-- Each firing of a schedule claims its slot (the instant it was planned for) before it starts a run, so a
-- slot runs once whichever way it reaches a node: fired by Quartz, fired again after the node that took
-- it died (Quartz's recovery), or planned again by the watchdog. fired_by is the Quartz scheduler
-- instance that claimed it: the one instance whose recovered firing may take the same slot again.
ALTER TABLE sync_schedule ADD COLUMN fired_slot TIMESTAMP WITH TIME ZONE;
ALTER TABLE sync_schedule ADD COLUMN fired_by VARCHAR(200);
ALTER TABLE sync_schedule ADD COLUMN fired_node VARCHAR(200);
