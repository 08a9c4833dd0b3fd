package io.sincro.shop;

import io.sincro.model.ShopDocument;
import io.sincro.model.StatePushed;

/**
 * Port: telling a shop what the ERP's documents say (F2) — cancelled, shipped with tracking, invoiced.
 * Each call is safe to repeat: the connector reads the shop before it writes and answers "already done"
 * instead of writing twice (a marker left by an earlier attempt, a state already current, nothing left
 * open). A refusal the shop's state cannot explain is a {@link ShopException.Rejected} with the shop's
 * reason; a shop that cannot be reached is any other {@link ShopException} (retried).
 */
public interface StateChannel {

    Platform platform();

    StatePushed cancel(ShopAccount account, String shopOrderId, String orderNumber);

    StatePushed ship(ShopAccount account, ShopDocument deliveryNote);

    StatePushed invoice(ShopAccount account, ShopDocument invoice);
}
