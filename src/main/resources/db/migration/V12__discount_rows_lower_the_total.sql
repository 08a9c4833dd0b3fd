-- Discount rows were stored as quantity -1 x a negative price, which adds the discount in the ERP.
-- Orders not yet in the ERP get the positive price (quantity -1 x discount lowers the total), as new
-- orders are stored from now on. Orders already in the ERP are left as the ERP has them.
UPDATE order_line SET unit_price = -unit_price
 WHERE kind = 'DISCOUNT' AND unit_price < 0
   AND order_id IN (SELECT id FROM shop_order WHERE state IN ('NEW', 'HELD'));
