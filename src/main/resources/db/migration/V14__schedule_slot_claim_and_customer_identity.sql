-- Each firing of a schedule claims its slot (the instant it was planned for) before it starts a run, so a
-- slot runs once whichever way it reaches a node: fired by Quartz, fired again after the node that took
-- it died (Quartz's recovery), or planned again by the watchdog. fired_by is the Quartz scheduler
-- instance that claimed it: the one instance whose recovered firing may take the same slot again.
ALTER TABLE sync_schedule ADD COLUMN fired_slot TIMESTAMP WITH TIME ZONE;
ALTER TABLE sync_schedule ADD COLUMN fired_by VARCHAR(200);
ALTER TABLE sync_schedule ADD COLUMN fired_node VARCHAR(200);

-- A new customer's identity (e-mail and name, lower-cased, as the order import matches them), claimed in
-- the same transaction as the customer: two nodes storing the same new buyer at once collide here, and
-- the second adopts the first's customer instead of creating a twin. Customers stored before this have
-- none: they are found by e-mail before any insert.
CREATE TABLE customer_identity (
    identity_key VARCHAR(800) NOT NULL PRIMARY KEY,
    customer_id  BIGINT       NOT NULL REFERENCES customer (id)
);
