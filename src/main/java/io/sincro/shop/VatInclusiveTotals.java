package io.sincro.shop;

import static io.sincro.model.Amounts.cents;
import static io.sincro.model.Amounts.orZero;
import static io.sincro.model.Amounts.plain;
import static io.sincro.model.Amounts.vatRate;

import io.sincro.model.ExpenseRow;
import io.sincro.model.Order;
import io.sincro.model.OrderLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An order from a shop that keeps its prices VAT-inclusive, made to book in the ERP at what the customer paid.
 *
 * <p>Such a shop rounds each row's <em>gross</em> amount and adds them up; the ERP rounds each row's
 * <em>net</em> amount (quantity × price) to the cent, sums the rows per VAT rate and computes the VAT on each
 * rate's sum. The two can be a cent or two apart for the same rows. The ERP's document rows carry only a net
 * price (the WebAPI has no VAT-inclusive flag), so the hub takes the VAT out of what was paid per rate (the
 * Italian "scorporo"): for each rate, the net N, to the cent, whose N + VAT(N) is the shop's gross for that rate
 * (or, when no cent gives it exactly, the nearest, up or down so that the rates' misses offset each other),
 * and the difference between N and the rows' rounded nets goes to the largest row of that rate, whose unit
 * price is set (to at most {@link #PRICE_DECIMALS} decimals) so that quantity × price rounds to its new amount.
 *
 * <p>Only what rounding explains is corrected: at most a cent per row of the rate (half a cent per item for a
 * row of more items, the shop having rounded each item). A larger gap is a real mismatch, left as it is for the
 * totals check to hold the order with both figures.
 */
public final class VatInclusiveTotals {

    /**
     * The decimals of a unit price the ERP document gets: the hub stores an order row's price with four
     * ({@code order_line.unit_price NUMERIC(15,4)}), and Mexal's price decimals are configurable up to more.
     */
    public static final int PRICE_DECIMALS = OrderLine.PRICE_DECIMALS;
    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private VatInclusiveTotals() {
    }

    /**
     * The order with its rows' prices set so that the ERP document's taxable amount and VAT of each rate add up
     * to {@code grossByRate} (VAT rate in percent → what the customer paid at that rate, VAT included; the
     * rates the shop reports, which should add up to its grand total). Every price also fits in
     * {@link #PRICE_DECIMALS} decimals, with its row's amount in cents unchanged. Rates the order has no row
     * for, and gaps larger than rounding explains, are left as they are.
     */
    public static Order bookedAsPaid(Order order, Map<BigDecimal, BigDecimal> grossByRate) {
        List<OrderLine> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            lines.add(withAmount(line, amount(line)).orElse(line));
        }
        List<ExpenseRow> expenses = order.expenses();
        BigDecimal drift = BigDecimal.ZERO;
        for (Map.Entry<BigDecimal, BigDecimal> entry : normalised(grossByRate).entrySet()) {
            BigDecimal rate = entry.getKey();
            BigDecimal taxable = BigDecimal.ZERO;
            BigDecimal rounding = BigDecimal.ZERO;
            int largest = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (vatRate(lines.get(i).vatRate()).compareTo(rate) == 0) {
                    taxable = taxable.add(amount(lines.get(i)));
                    rounding = rounding.add(rounding(lines.get(i)));
                    if (largest < 0 || amount(lines.get(i)).abs().compareTo(amount(lines.get(largest)).abs()) > 0) {
                        largest = i;
                    }
                }
            }
            for (ExpenseRow expense : expenses) {
                if (vatRate(expense.vatRate()).compareTo(rate) == 0) {
                    taxable = taxable.add(amount(expense));
                    rounding = rounding.add(CENT);
                }
            }
            // where no cent gives the rate's gross exactly, the nearest one that brings the order's total closer
            BigDecimal net = null;
            BigDecimal gap = null;
            for (BigDecimal candidate : nearestNets(entry.getValue(), rate)) {
                BigDecimal off = candidate.add(vat(candidate, rate)).subtract(entry.getValue());
                int better = gap == null ? -1 : drift.add(off).abs().compareTo(drift.add(gap).abs());
                if (better < 0 || better == 0 && candidate.compareTo(taxable) == 0) {
                    net = candidate;
                    gap = off;
                }
            }
            BigDecimal difference = net.subtract(taxable);
            if (largest < 0 || difference.abs().compareTo(rounding) > 0) {
                continue;
            }
            if (difference.signum() != 0) {
                OrderLine line = lines.get(largest);
                Optional<OrderLine> adjusted = withAmount(line, amount(line).add(difference));
                if (adjusted.isEmpty()) {
                    continue;
                }
                lines.set(largest, adjusted.get());
            }
            drift = drift.add(gap);
        }
        return new Order(order.accountId(), order.shopOrderId(), order.number(), order.shopStatus(), order.createdAt(),
                order.updatedAt(), order.currency(), order.customer(), order.billing(), order.shipping(), lines,
                expenses, order.paymentMethod(), order.carrier(), order.grandTotal());
    }

    /**
     * The net amount, to the cent, that with its VAT at {@code rate} (computed on it and rounded to the cent, as
     * the ERP does) comes to {@code gross}; when no cent does, the one that comes nearest (the lower on a tie).
     */
    public static BigDecimal netOf(BigDecimal gross, BigDecimal rate) {
        return nearestNets(gross, rate).get(0);
    }

    /** The nets, to the cent, whose gross at {@code rate} comes nearest to {@code gross}: one, or two on a tie, lower first. */
    private static List<BigDecimal> nearestNets(BigDecimal gross, BigDecimal rate) {
        BigDecimal target = cents(gross);
        BigDecimal first = target.multiply(HUNDRED).divide(HUNDRED.add(rate), 2, RoundingMode.HALF_UP);
        List<BigDecimal> best = new ArrayList<>();
        BigDecimal bestGap = null;
        for (int step = -2; step <= 2; step++) {
            BigDecimal net = first.add(CENT.multiply(BigDecimal.valueOf(step)));
            BigDecimal gap = net.add(vat(net, rate)).subtract(target).abs();
            if (bestGap == null || gap.compareTo(bestGap) < 0) {
                best.clear();
                bestGap = gap;
            }
            if (gap.compareTo(bestGap) == 0) {
                best.add(net);
            }
        }
        return best;
    }

    /** The VAT of a net amount at {@code rate} percent, rounded to the cent. */
    static BigDecimal vat(BigDecimal net, BigDecimal rate) {
        return cents(net.multiply(rate).divide(HUNDRED));
    }

    /** The line at a price (at most {@link #PRICE_DECIMALS} decimals) whose row comes to {@code amount}; empty when none does. */
    private static Optional<OrderLine> withAmount(OrderLine line, BigDecimal amount) {
        BigDecimal quantity = orZero(line.quantity());
        BigDecimal discount = orZero(line.discount());
        BigDecimal price = orZero(line.unitPrice());
        if (price.stripTrailingZeros().scale() <= PRICE_DECIMALS && cents(quantity.multiply(price).subtract(discount))
                .compareTo(amount) == 0) {
            return Optional.of(line);
        }
        if (quantity.signum() == 0) {
            return Optional.empty();
        }
        for (int scale = 2; scale <= PRICE_DECIMALS; scale++) {
            BigDecimal near = amount.add(discount).divide(quantity, scale, RoundingMode.HALF_UP);
            BigDecimal step = BigDecimal.ONE.movePointLeft(scale);
            for (BigDecimal candidate : List.of(near, near.subtract(step), near.add(step))) {
                if (cents(quantity.multiply(candidate).subtract(discount)).compareTo(amount) == 0) {
                    return Optional.of(new OrderLine(line.sku(), line.name(), line.quantity(), plain(candidate),
                            line.discount(), line.vatRate(), line.options()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * How far rounding can take a row's gross from its net plus VAT: a cent, or, where the shop rounds each
     * item's gross price and multiplies (PrestaShop's default), half a cent per item.
     */
    private static BigDecimal rounding(OrderLine line) {
        BigDecimal perItem = orZero(line.quantity()).abs().multiply(new BigDecimal("0.005")).setScale(2, RoundingMode.UP);
        return perItem.max(CENT);
    }

    /** A row's amount as the ERP computes it: quantity × price less its discount, to the cent. */
    private static BigDecimal amount(OrderLine line) {
        return cents(orZero(line.quantity()).multiply(orZero(line.unitPrice())).subtract(orZero(line.discount())));
    }

    /** An expense row's amount as the ERP books it: a discount at quantity -1. */
    private static BigDecimal amount(ExpenseRow expense) {
        BigDecimal amount = cents(orZero(expense.amount()).abs());
        return expense.kind() == ExpenseRow.Kind.DISCOUNT ? amount.negate() : amount;
    }

    private static Map<BigDecimal, BigDecimal> normalised(Map<BigDecimal, BigDecimal> grossByRate) {
        Map<BigDecimal, BigDecimal> byRate = new TreeMap<>();
        grossByRate.forEach((rate, gross) -> byRate.merge(vatRate(rate), cents(orZero(gross)), BigDecimal::add));
        return byRate;
    }
}
