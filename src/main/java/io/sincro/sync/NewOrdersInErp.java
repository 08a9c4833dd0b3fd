package io.sincro.sync;

import java.util.List;

/**
 * New orders of an account reached the ERP: the sync rules of the listings using that account are
 * to be evaluated (F1 step 5). Published after every partial ERP sync that stored orders.
 */
public record NewOrdersInErp(String accountId, List<Long> orderIds) {
}
