-- As for orders: a customer is claimed before it is written into the ERP, so two nodes never both create it.
ALTER TABLE customer ADD COLUMN erp_claimed_at TIMESTAMP WITH TIME ZONE;
