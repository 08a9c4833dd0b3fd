-- Each running hub process (an incarnation of a node) and its last sign of life: an ERP claim lives as
-- long as the process that took it, not a fixed time. A node started again under the same name is a new
-- incarnation, and the claims of the one before are known at once to be of a process that is gone.
CREATE TABLE hub_node (
    incarnation  VARCHAR(100) NOT NULL PRIMARY KEY,
    node         VARCHAR(200) NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Who holds an ERP claim: the node (shown in the order's reason) and its incarnation (alive or not).
ALTER TABLE shop_order ADD COLUMN erp_claimed_by VARCHAR(200);
ALTER TABLE shop_order ADD COLUMN erp_claim_holder VARCHAR(100);
ALTER TABLE customer ADD COLUMN erp_claimed_by VARCHAR(200);
ALTER TABLE customer ADD COLUMN erp_claim_holder VARCHAR(100);

-- The ERP login guard, one row: after the ERP refuses the hub's login every ERP call stops, on every node,
-- until the credentials change (a fingerprint of them, never the password itself) or an operator retries.
-- Each lift starts a new generation, whose first call on each node goes alone (a probe).
CREATE TABLE erp_login (
    id              INTEGER NOT NULL PRIMARY KEY,
    fingerprint     VARCHAR(200),
    salt            VARCHAR(64),
    refused_at      TIMESTAMP WITH TIME ZONE,
    refused_node    VARCHAR(200),
    refused_message VARCHAR(2000),
    generation      BIGINT NOT NULL,
    lifted_at       TIMESTAMP WITH TIME ZONE,
    lifted_because  VARCHAR(300)
);
INSERT INTO erp_login (id, generation) VALUES (1, 0);
