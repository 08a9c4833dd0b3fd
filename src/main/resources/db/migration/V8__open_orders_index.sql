-- Every ERP sync walks the orders still open in the ERP by id, a page at a time.
CREATE INDEX shop_order_open_in_erp_idx ON shop_order (erp_closed, id);
