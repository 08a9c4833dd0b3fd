package io.sincro.model;

import java.time.Instant;

/** A customer as a shop holds it, with when the shop last changed it (null when it does not say). */
public record ShopCustomer(OrderCustomer customer, Instant updatedAt) {
}
