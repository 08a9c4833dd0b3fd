package io.sincro.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A shop order in the hub's one canonical shape, whatever shop it came from. Payment method and
 * carrier are the shop's codes; the account's tables translate them for the ERP.
 */
public record Order(String accountId, String shopOrderId, String number, String shopStatus, Instant createdAt,
        Instant updatedAt, String currency, OrderCustomer customer, Address billing, Address shipping,
        List<OrderLine> lines, List<ExpenseRow> expenses, String paymentMethod, String carrier,
        BigDecimal grandTotal) {
}
