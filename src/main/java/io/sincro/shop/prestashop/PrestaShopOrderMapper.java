package io.sincro.shop.prestashop;

import static io.sincro.model.Amounts.plain;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.model.Address;
import io.sincro.model.ExpenseRow;
import io.sincro.model.Order;
import io.sincro.model.OrderCustomer;
import io.sincro.model.OrderLine;
import io.sincro.shop.ErpDocumentSettings;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.VatInclusiveTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a PrestaShop order, as {@link PrestaShopOrders} keeps it (the order with its invoice and delivery
 * addresses, customer, {@code order_details} and looked-up codes), into the canonical {@link Order}, as
 * Magento's mapper does for the same situations:
 * <ul>
 * <li>rows from {@code order_details} (else {@code associations.order_rows}): the SKU is the row's
 *     {@code product_reference}, the unit price net of VAT ({@code unit_price_tax_excl}, catalogue
 *     reductions already in it), the VAT rate the one the row was charged ({@code unit_price_tax_incl}
 *     over {@code unit_price_tax_excl});</li>
 * <li>shipping net of VAT at {@code carrier_tax_rate}, coded by the carrier's {@code id_reference} (stable
 *     when the merchant edits a carrier, which gives it a new id);</li>
 * <li>the order's vouchers ({@code total_discounts_tax_excl}) as discount rows per VAT rate, shared over the
 *     goods of each rate as PrestaShop shares a cart rule;</li>
 * <li>the payment method is the payment {@code module}; the currency the order's ({@code id_currency}),
 *     or the shop's default one, converted by {@code conversion_rate}, when the account books unmapped
 *     currencies in the shop's base currency; the grand total {@code total_paid_tax_incl};</li>
 * <li>PrestaShop rounds prices VAT included (per item by default), the ERP VAT on each rate's net sum: the
 *     VAT is taken out per rate from what the customer paid ({@link VatInclusiveTotals}), so the ERP
 *     document totals {@code total_paid_tax_incl} where only rounding stood between them.</li>
 * </ul>
 * What holds the order (an invalid VAT number, an unmapped payment, an unmapped currency, totals that do
 * not add up) is decided by the order intake from this canonical order, the same for every shop.
 */
final class PrestaShopOrderMapper {

    static final DateTimeFormatter SHOP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final String LOOKUPS = "sincro";

    private PrestaShopOrderMapper() {
    }

    static Order toOrder(ShopAccount account, RawShopOrder raw) {
        JsonNode o = raw.payload();
        JsonNode lookups = o.path(LOOKUPS);
        JsonNode invoice = o.path(PrestaShopFields.INVOICE_ADDRESS);
        JsonNode delivery = o.path(PrestaShopFields.DELIVERY_ADDRESS);
        JsonNode customerRecord = o.path(PrestaShopFields.CUSTOMER);
        ZoneId zone = zone(lookups);

        PrestaShopFields.Fiscal fiscal = PrestaShopFields.Fiscal.read(account.settings().fields(), o);
        boolean guest = customerRecord.path("is_guest").asInt(0) == 1;
        String customerId = text(o, "id_customer");
        OrderCustomer customer = new OrderCustomer(guest || customerId == null || customerId.equals("0") ? null : customerId,
                text(customerRecord, "email"),
                firstNonBlank(text(customerRecord, "firstname"), text(invoice, "firstname")),
                firstNonBlank(text(customerRecord, "lastname"), text(invoice, "lastname")),
                firstNonBlank(text(invoice, "company"), text(customerRecord, "company")),
                fiscal.vatNumber(), fiscal.fiscalCode(), fiscal.pec(), fiscal.sdiCode(),
                firstNonBlank(text(invoice, "phone"), text(invoice, "phone_mobile")));

        Money money = Money.of(o, lookups, account.settings().erp());
        List<JsonNode> rows = rows(o);
        List<OrderLine> lines = lines(rows, money);
        Address billing = address(invoice);
        Address shipping = delivery.isObject() ? address(delivery) : null;
        JsonNode carrier = lookups.path("carrier");
        String carrierCode = firstNonBlank(text(carrier, "id_reference"), text(o, "id_carrier"));
        List<ExpenseRow> expenses = expenses(o, lines, money, carrierCode, text(carrier, "name"));
        BigDecimal grandTotal = money.amount(o, "total_paid_tax_incl");
        Order order = new Order(raw.accountId(), raw.shopOrderId(), raw.number(), text(o, "current_state"),
                time(text(o, "date_add"), zone), raw.updatedAt(), money.currency(), customer, billing, shipping,
                lines, expenses, text(o, "module"), carrierCode, grandTotal);
        return VatInclusiveTotals.bookedAsPaid(order, grossByRate(o, rows, lines, expenses, money, grandTotal));
    }

    /**
     * What the customer paid per VAT rate, VAT included, as PrestaShop computed it: each rate's rows
     * ({@code total_price_tax_incl}, rounded per item or per line as the shop's {@code round_type} says), the
     * shipping ({@code total_shipping_tax_incl}) at the carrier's rate, less the vouchers' gross share of the rate
     * (their net share grossed up at the rate, the largest share taking what rounding leaves of
     * {@code total_discounts_tax_incl}). Rounded to the cent per rate; when those come a cent or so from
     * {@code total_paid_tax_incl} (a shop rounding only the order's total), the largest rate takes the cents, so
     * the rates add up to what was paid. A larger gap is left to the totals check.
     */
    private static Map<BigDecimal, BigDecimal> grossByRate(JsonNode order, List<JsonNode> rows, List<OrderLine> lines,
            List<ExpenseRow> expenses, Money money, BigDecimal grandTotal) {
        Map<BigDecimal, BigDecimal> gross = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            BigDecimal paid = row.has("total_price_tax_incl") ? money.amount(row, "total_price_tax_incl")
                    : money.convert(decimal(row, "unit_price_tax_incl").multiply(decimal(row, "product_quantity")));
            gross.merge(plain(lines.get(i).vatRate()), paid, BigDecimal::add);
        }
        List<ExpenseRow> discounts = new ArrayList<>();
        for (ExpenseRow expense : expenses) {
            if (expense.kind() == ExpenseRow.Kind.SHIPPING) {
                gross.merge(plain(expense.vatRate()), money.amount(order, "total_shipping_tax_incl"), BigDecimal::add);
            } else {
                discounts.add(expense);
            }
        }
        if (!discounts.isEmpty()) {
            BigDecimal left = money.amount(order, "total_discounts_tax_incl").abs().setScale(2, RoundingMode.HALF_UP);
            ExpenseRow largest = discounts.stream().max(Comparator.comparing(ExpenseRow::amount)).orElseThrow();
            for (ExpenseRow discount : discounts) {
                if (discount != largest) {
                    BigDecimal share = grossedUp(discount);
                    left = left.subtract(share);
                    gross.merge(plain(discount.vatRate()), share.negate(), BigDecimal::add);
                }
            }
            BigDecimal last = left.signum() > 0 ? left : grossedUp(largest);
            gross.merge(plain(largest.vatRate()), last.negate(), BigDecimal::add);
        }
        gross.replaceAll((rate, amount) -> amount.setScale(2, RoundingMode.HALF_UP));
        BigDecimal residual = grandTotal.setScale(2, RoundingMode.HALF_UP)
                .subtract(gross.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        if (residual.signum() != 0 && !gross.isEmpty()
                && residual.abs().compareTo(new BigDecimal("0.01").multiply(BigDecimal.valueOf(gross.size()))) <= 0) {
            BigDecimal largestRate = gross.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            gross.merge(largestRate, residual, BigDecimal::add);
        }
        return gross;
    }

    private static BigDecimal grossedUp(ExpenseRow discount) {
        return discount.amount().abs().multiply(HUNDRED.add(discount.vatRate())).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }

    /**
     * The currency the order is read in: its own, or — when the account books unmapped currencies in the
     * shop's base currency and that is the ERP's — the shop's default currency, each amount divided by the
     * order's {@code conversion_rate} (PrestaShop keeps no base-currency twin of its amounts).
     */
    record Money(String currency, BigDecimal divisor) {

        static Money of(JsonNode order, JsonNode lookups, ErpDocumentSettings erp) {
            String currency = text(lookups, "currency");
            String shopCurrency = text(lookups, "default_currency");
            BigDecimal rate = decimal(order, "conversion_rate");
            if (currency != null && !erp.isBaseCurrency(currency) && !erp.currencies().containsKey(currency)
                    && erp.foreignCurrency() == ErpDocumentSettings.ForeignCurrency.SHOP_BASE
                    && shopCurrency != null && erp.isBaseCurrency(shopCurrency) && rate.signum() > 0) {
                return new Money(shopCurrency, rate);
            }
            return new Money(currency, null);
        }

        BigDecimal amount(JsonNode node, String field) {
            return convert(decimal(node, field));
        }

        BigDecimal convert(BigDecimal amount) {
            return divisor == null ? amount : plain(amount.divide(divisor, 6, RoundingMode.HALF_UP));
        }
    }

    /** The order's rows: its {@code order_details}, else {@code associations.order_rows}. */
    private static List<JsonNode> rows(JsonNode order) {
        List<JsonNode> rows = new ArrayList<>();
        order.path("order_details").forEach(rows::add);
        if (rows.isEmpty()) {
            order.path("associations").path("order_rows").forEach(rows::add);
        }
        return rows;
    }

    private static List<OrderLine> lines(List<JsonNode> rows, Money money) {
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode row : rows) {
            BigDecimal quantity = decimal(row, "product_quantity");
            BigDecimal net = decimal(row, "unit_price_tax_excl");
            BigDecimal gross = decimal(row, "unit_price_tax_incl");
            String sku = firstNonBlank(text(row, "product_reference"), productId(row));
            lines.add(new OrderLine(sku, text(row, "product_name"), quantity,
                    unitPrice(net, quantity, row, money), BigDecimal.ZERO, rate(net, gross, row), null));
        }
        return lines;
    }

    /** A product without a reference is sold under its id (and its combination's): the merchant sees which. */
    private static String productId(JsonNode row) {
        String product = firstNonBlank(text(row, "product_id"), text(row, "id_product"));
        String combination = text(row, "product_attribute_id");
        return product == null ? null : combination == null || combination.equals("0") ? product
                : product + "-" + combination;
    }

    /**
     * The net unit price; when the row total PrestaShop computed ({@code total_price_tax_excl}) is not the
     * rounded price times the quantity, the total over the quantity (to the decimals the hub keeps,
     * {@link OrderLine#PRICE_DECIMALS}), so the ERP's row comes to the shop's.
     */
    private static BigDecimal unitPrice(BigDecimal net, BigDecimal quantity, JsonNode row, Money money) {
        BigDecimal price = plain(money.convert(net));
        if (!row.has("total_price_tax_excl") || quantity.signum() <= 0) {
            return price;
        }
        BigDecimal total = money.amount(row, "total_price_tax_excl");
        if (total.signum() <= 0 || price.multiply(quantity).setScale(2, RoundingMode.HALF_UP)
                .compareTo(total.setScale(2, RoundingMode.HALF_UP)) == 0) {
            return price;
        }
        return plain(total.divide(quantity, OrderLine.PRICE_DECIMALS, RoundingMode.HALF_UP));
    }

    /**
     * The VAT rate charged on the row; the row's {@code tax_rate} for a free row. The gross unit price may be
     * rounded to the cent (PrestaShop's default rounds per item), so the rate is the roundest one (a whole
     * percent, else to the tenth, else to the hundredth) that the net price gives the gross at within half a
     * cent: 5.938525 net and 7.25 gross is 22 %, not 22.08 %.
     */
    private static BigDecimal rate(BigDecimal net, BigDecimal gross, JsonNode row) {
        if (net.signum() > 0 && gross.signum() > 0) {
            BigDecimal exact = gross.subtract(net).multiply(HUNDRED).divide(net, 6, RoundingMode.HALF_UP);
            BigDecimal halfCent = new BigDecimal("0.005");
            for (int decimals = 0; decimals < 2; decimals++) {
                BigDecimal round = exact.setScale(decimals, RoundingMode.HALF_UP);
                BigDecimal grossAt = net.multiply(HUNDRED.add(round)).divide(HUNDRED, 8, RoundingMode.HALF_UP);
                if (grossAt.subtract(gross).abs().compareTo(halfCent) <= 0) {
                    return plain(round);
                }
            }
            return plain(exact.setScale(2, RoundingMode.HALF_UP));
        }
        BigDecimal stated = decimal(row, "tax_rate");
        return plain(stated.setScale(2, RoundingMode.HALF_UP));
    }

    private static List<ExpenseRow> expenses(JsonNode order, List<OrderLine> lines, Money money, String carrierCode,
            String carrierName) {
        List<ExpenseRow> expenses = new ArrayList<>();
        BigDecimal shipping = money.amount(order, "total_shipping_tax_excl");
        if (shipping.signum() > 0) {
            BigDecimal rate = order.hasNonNull("carrier_tax_rate") ? decimal(order, "carrier_tax_rate")
                    : rate(decimal(order, "total_shipping_tax_excl"), decimal(order, "total_shipping_tax_incl"), order);
            String code = firstNonBlank(carrierCode, "shipping");
            expenses.add(new ExpenseRow(ExpenseRow.Kind.SHIPPING, code, firstNonBlank(carrierName, "Spedizione"),
                    plain(shipping), plain(rate.setScale(2, RoundingMode.HALF_UP))));
        }
        BigDecimal discount = money.amount(order, "total_discounts_tax_excl").abs();
        if (discount.signum() > 0 && !alreadyInTheRows(order)) {
            Map<BigDecimal, BigDecimal> byRate = shared(discount, lines);
            byRate.forEach((rate, amount) -> expenses.add(new ExpenseRow(ExpenseRow.Kind.DISCOUNT, "DISCOUNT",
                    byRate.size() == 1 ? "Sconto" : "Sconto (IVA " + rate.toPlainString() + "%)", amount, rate)));
        }
        return expenses;
    }

    /**
     * True when the order's totals show its discounts were not taken off the rows' total: the shop's total
     * paid is the goods, shipping and wrapping without them (a shop or module that reports catalogue
     * reductions, already in the unit prices, as {@code total_discounts}). PrestaShop's own cart rules are
     * taken off ({@code total_paid = products + shipping + wrapping - discounts}); they become discount rows.
     */
    private static boolean alreadyInTheRows(JsonNode order) {
        BigDecimal gross = decimal(order, "total_products_wt").add(decimal(order, "total_shipping_tax_incl"))
                .add(decimal(order, "total_wrapping_tax_incl"));
        BigDecimal paid = decimal(order, "total_paid_tax_incl");
        BigDecimal discounts = decimal(order, "total_discounts_tax_incl");
        BigDecimal cent = new BigDecimal("0.01");
        return gross.subtract(discounts).subtract(paid).abs().compareTo(cent) > 0
                && gross.subtract(paid).abs().compareTo(cent) <= 0;
    }

    /**
     * The discount shared over the VAT rates in proportion to the net goods of each (to the cent, the
     * last rate taking what rounding leaves), as PrestaShop spreads a cart rule over the products.
     */
    private static Map<BigDecimal, BigDecimal> shared(BigDecimal discount, List<OrderLine> lines) {
        Map<BigDecimal, BigDecimal> goods = new TreeMap<>(Comparator.reverseOrder());
        for (OrderLine line : lines) {
            goods.merge(plain(line.vatRate()), line.unitPrice().multiply(line.quantity()), BigDecimal::add);
        }
        BigDecimal all = goods.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<BigDecimal, BigDecimal> shares = new TreeMap<>(Comparator.reverseOrder());
        if (all.signum() <= 0) {
            shares.put(BigDecimal.ZERO, discount.setScale(2, RoundingMode.HALF_UP));
            return shares;
        }
        BigDecimal left = discount.setScale(2, RoundingMode.HALF_UP);
        List<Map.Entry<BigDecimal, BigDecimal>> entries = new ArrayList<>(goods.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            BigDecimal share = i == entries.size() - 1 ? left
                    : discount.multiply(entries.get(i).getValue()).divide(all, 2, RoundingMode.HALF_UP);
            left = left.subtract(share);
            if (share.signum() != 0) {
                shares.put(entries.get(i).getKey(), share);
            }
        }
        return shares;
    }

    private static Address address(JsonNode a) {
        if (a == null || !a.isObject()) {
            return null;
        }
        String street = String.join(", ", java.util.stream.Stream.of(text(a, "address1"), text(a, "address2"))
                .filter(s -> s != null).toList());
        return new Address(text(a, "firstname"), text(a, "lastname"), text(a, "company"), street.isEmpty() ? null : street,
                text(a, "city"), text(a, "postcode"), text(a, "state_iso"), text(a, "country_iso"),
                firstNonBlank(text(a, "phone"), text(a, "phone_mobile")));
    }

    static ZoneId zone(JsonNode lookups) {
        String zone = text(lookups, "time_zone");
        return zone == null ? ZoneId.of("Europe/Rome") : ZoneId.of(zone);
    }

    /** A shop time ({@code yyyy-MM-dd HH:mm:ss}, without offset, on the shop's clock) as an instant. */
    static Instant time(String text, ZoneId zone) {
        if (text == null || text.isBlank() || text.startsWith("0000")) {
            return null;
        }
        return LocalDateTime.parse(text, SHOP_TIME).atZone(zone).toInstant();
    }

    static String shopTime(Instant instant, ZoneId zone) {
        return SHOP_TIME.format(instant.atZone(zone));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.path(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return value.isTextual() && !value.asText().isBlank() ? new BigDecimal(value.asText().trim()) : BigDecimal.ZERO;
        } catch (NumberFormatException notANumber) {
            return BigDecimal.ZERO;
        }
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
