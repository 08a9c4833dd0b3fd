package io.sincro.shop;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A shop order as the shop sent it, with the identity the flows need before mapping it. */
public record RawShopOrder(String accountId, String shopOrderId, String number, Instant updatedAt, JsonNode payload) {

    /** The idempotency key of an imported order: one import per account and shop order. */
    public String importKey() {
        return accountId + ":" + shopOrderId;
    }
}
