package io.sincro.shop.magento;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.model.Address;
import io.sincro.model.ExpenseRow;
import io.sincro.model.Order;
import io.sincro.model.OrderCustomer;
import io.sincro.model.OrderLine;
import io.sincro.shop.ErpDocumentSettings;
import io.sincro.shop.FieldMapping;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns a Magento order into the canonical {@link Order}: configurable products become one row
 * (the parent's price and tax, the child's SKU), a bundle with its own priced components becomes its
 * components' rows (a fixed-price bundle stays one row), shipping and discounts become expense rows
 * (one discount row per VAT rate, net of VAT), the shipping address comes from
 * {@code extension_attributes.shipping_assignments}, and the fiscal fields are read wherever the account
 * maps them (order fields, or the registered customer's attributes, fetched only when a mapping needs
 * them). An order in a foreign currency keeps its amounts, unless the account books such orders in the
 * shop's base currency: then the {@code base_*} amounts are read.
 *
 * <p>The account comes with each call, as the flow read it: the mapper never looks an account up
 * (the flows own the store); it reads the shop only for a registered customer's record.
 */
public class MagentoOrderMapper {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal CENT = new BigDecimal("0.01");

    private final MagentoClient client;

    public MagentoOrderMapper(MagentoClient client) {
        this.client = client;
    }

    public Order toOrder(ShopAccount account, RawShopOrder raw) {
        JsonNode o = raw.payload();
        JsonNode billing = o.path("billing_address");
        JsonNode shipping = o.path("extension_attributes").path("shipping_assignments").path(0).path("shipping");
        String shopCustomerId = o.path("customer_is_guest").asInt(0) == 1 ? null : text(o, "customer_id");
        Supplier<JsonNode> customerRecord = memo(() -> shopCustomerId == null ? null
                : client.get(account, "customers/" + shopCustomerId, Map.of()));
        FieldMapping fields = account.settings().fields();

        String vat = read(fields.vatNumber(), o, customerRecord);
        String pec = read(fields.pec(), o, customerRecord);
        String sdi = read(fields.sdiCode(), o, customerRecord);
        if (fields.pec().equals(fields.sdiCode()) && pec != null) {
            // one combined field: an e-mail is the PEC, anything else the SDI code
            boolean email = pec.contains("@");
            pec = email ? pec : null;
            sdi = email ? null : sdi;
        }
        OrderCustomer customer = new OrderCustomer(shopCustomerId, text(o, "customer_email"),
                firstNonBlank(text(o, "customer_firstname"), text(billing, "firstname")),
                firstNonBlank(text(o, "customer_lastname"), text(billing, "lastname")), text(billing, "company"),
                vat, read(fields.fiscalCode(), o, customerRecord), pec, sdi, text(billing, "telephone"));

        Money money = Money.of(o, account.settings().erp());
        List<Row> rows = rows(o, money);
        List<OrderLine> lines = rows.stream().map(Row::line).toList();
        return new Order(raw.accountId(), raw.shopOrderId(), raw.number(), text(o, "status"),
                MagentoOrders.parseTime(text(o, "created_at")), raw.updatedAt(), money.currency(),
                customer, address(billing), shipping.isMissingNode() ? null : address(shipping.path("address")),
                lines, expenses(o, shipping, rows, money), text(o.path("payment"), "method"), text(shipping, "method"),
                money.amount(o, "grand_total"));
    }

    /**
     * Which of Magento's two sets of amounts the order is read in: the order's currency
     * ({@code price}, {@code grand_total}…), or the shop's base currency ({@code base_price},
     * {@code base_grand_total}…) when the account books foreign orders that way and the base currency
     * is the ERP's. Never a foreign amount labelled as the ERP's currency.
     */
    record Money(String currency, boolean base) {

        static Money of(JsonNode order, ErpDocumentSettings erp) {
            String currency = text(order, "order_currency_code");
            String baseCurrency = text(order, "base_currency_code");
            if (currency != null && !erp.isBaseCurrency(currency) && !erp.currencies().containsKey(currency)
                    && erp.foreignCurrency() == ErpDocumentSettings.ForeignCurrency.SHOP_BASE
                    && baseCurrency != null && erp.isBaseCurrency(baseCurrency)) {
                return new Money(baseCurrency, true);
            }
            return new Money(currency, false);
        }

        BigDecimal amount(JsonNode node, String field) {
            if (!base) {
                return decimal(node, field);
            }
            // Magento's one base twin whose name is cut short (a database column name limit)
            String twin = field.equals("shipping_discount_tax_compensation_amount")
                    ? "base_shipping_discount_tax_compensation_amnt" : "base_" + field;
            return decimal(node, twin);
        }
    }

    /** An article row and the discount Magento gave on it: as charged (with any tax in it) and net of VAT. */
    private record Row(OrderLine line, BigDecimal discountCharged, BigDecimal netDiscount) {
    }

    private static List<Row> rows(JsonNode order, Money money) {
        Map<String, List<JsonNode>> childrenByParent = new HashMap<>();
        for (JsonNode item : order.path("items")) {
            if (item.hasNonNull("parent_item_id")) {
                childrenByParent.computeIfAbsent(item.path("parent_item_id").asText(), k -> new ArrayList<>()).add(item);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode item : order.path("items")) {
            if (item.hasNonNull("parent_item_id")) {
                continue;
            }
            List<JsonNode> children = childrenByParent.getOrDefault(item.path("item_id").asText(), List.of());
            boolean pricedComponents = "bundle".equals(text(item, "product_type"))
                    && children.stream().anyMatch(child -> money.amount(child, "price").signum() > 0);
            if (pricedComponents) {
                // a bundle priced by its components: the ERP gets the articles it ships, at their prices
                for (JsonNode child : children) {
                    rows.add(row(child, text(item, "name"), money));
                }
            } else {
                // a configurable's child (when the catalogue still had it) names the chosen options
                String options = children.isEmpty() ? null : text(children.get(0), "name");
                rows.add(row(item, options, money));
            }
        }
        return rows;
    }

    private static Row row(JsonNode item, String options, Money money) {
        BigDecimal quantity = decimal(item, "qty_ordered");
        BigDecimal discount = money.amount(item, "discount_amount").abs();
        BigDecimal compensation = money.amount(item, "discount_tax_compensation_amount");
        OrderLine line = new OrderLine(text(item, "sku"), text(item, "name"), quantity, unitPrice(item, quantity, money),
                BigDecimal.ZERO, decimal(item, "tax_percent"), options);
        return new Row(line, discount, discount.subtract(compensation));
    }

    /**
     * The net unit price. With tax-inclusive catalogue prices Magento derives the net row total from the
     * gross one, so {@code price} (rounded to the cent) times the quantity can miss {@code row_total} by
     * a cent or more: then the price is the row total divided by the quantity, to the decimals the hub keeps
     * ({@link OrderLine#PRICE_DECIMALS}), so the ERP's row comes to the shop's.
     */
    private static BigDecimal unitPrice(JsonNode item, BigDecimal quantity, Money money) {
        BigDecimal price = money.amount(item, "price");
        BigDecimal rowTotal = money.amount(item, "row_total");
        if (quantity.signum() <= 0 || rowTotal.signum() <= 0
                || price.multiply(quantity).setScale(2, RoundingMode.HALF_UP).compareTo(rowTotal) == 0) {
            return price;
        }
        return rowTotal.divide(quantity, OrderLine.PRICE_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /**
     * Shipping costs and the order discount, each net of VAT, as the manual wants them: expense rows.
     * The discount is one row per VAT rate of the rows it was given on (and the shipping's), so the ERP
     * computes the VAT the shop charged; a shop whose rows carry no discount gets one row at the rate
     * of most of the goods.
     */
    private static List<ExpenseRow> expenses(JsonNode order, JsonNode shipping, List<Row> rows, Money money) {
        List<ExpenseRow> expenses = new ArrayList<>();
        BigDecimal shippingAmount = money.amount(order, "shipping_amount");
        BigDecimal shippingRate = BigDecimal.ZERO;
        if (shippingAmount.signum() > 0) {
            BigDecimal shippingTax = money.amount(order, "shipping_tax_amount");
            shippingRate = shippingTax.signum() == 0 ? BigDecimal.ZERO
                    : shippingTax.multiply(HUNDRED).divide(shippingAmount, 0, RoundingMode.HALF_UP);
            String method = firstNonBlank(text(shipping, "method"), "shipping");
            expenses.add(new ExpenseRow(ExpenseRow.Kind.SHIPPING, method,
                    firstNonBlank(text(order, "shipping_description"), method), shippingAmount, shippingRate));
        }
        BigDecimal discount = money.amount(order, "discount_amount").abs();
        if (discount.signum() > 0) {
            String description = firstNonBlank(text(order, "discount_description"), text(order, "coupon_code"), "Sconto");
            BigDecimal shippingDiscount = money.amount(order, "shipping_discount_amount").abs();
            BigDecimal itemised = rows.stream().map(Row::discountCharged).reduce(shippingDiscount, BigDecimal::add);
            Map<BigDecimal, BigDecimal> byRate = new TreeMap<>(Comparator.reverseOrder());
            if (itemised.subtract(discount).abs().compareTo(CENT) <= 0) {
                rows.forEach(r -> byRate.merge(rateKey(r.line().vatRate()), r.netDiscount(), BigDecimal::add));
                if (shippingDiscount.signum() > 0) {
                    byRate.merge(rateKey(shippingRate), shippingDiscount.subtract(
                            money.amount(order, "shipping_discount_tax_compensation_amount")), BigDecimal::add);
                }
            } else {
                byRate.put(rateKey(prevailingRate(rows)),
                        discount.subtract(money.amount(order, "discount_tax_compensation_amount")));
            }
            byRate.values().removeIf(amount -> amount.signum() == 0);
            byRate.forEach((rate, amount) -> expenses.add(new ExpenseRow(ExpenseRow.Kind.DISCOUNT, "DISCOUNT",
                    byRate.size() == 1 ? description : description + " (IVA " + rate.toPlainString() + "%)", amount,
                    rate)));
        }
        return expenses;
    }

    private static BigDecimal rateKey(BigDecimal rate) {
        return rate == null ? BigDecimal.ZERO : rate.stripTrailingZeros();
    }

    /** The VAT rate carrying the largest share of the goods, for a discount spread over them. */
    private static BigDecimal prevailingRate(List<Row> rows) {
        return rows.stream().map(Row::line)
                .filter(l -> l.vatRate() != null)
                .collect(Collectors.groupingBy(l -> l.vatRate().stripTrailingZeros(),
                        Collectors.reducing(BigDecimal.ZERO, l -> l.unitPrice().multiply(l.quantity()), BigDecimal::add)))
                .entrySet().stream().max(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .map(Map.Entry::getKey).orElse(null);
    }

    private static Address address(JsonNode a) {
        if (a == null || a.isMissingNode() || a.isNull()) {
            return null;
        }
        String street = StreamSupport.stream(a.path("street").spliterator(), false)
                .map(JsonNode::asText).filter(s -> !s.isBlank()).collect(Collectors.joining(", "));
        return new Address(text(a, "firstname"), text(a, "lastname"), text(a, "company"), street, text(a, "city"),
                text(a, "postcode"), firstNonBlank(text(a, "region_code"), text(a, "region")), text(a, "country_id"),
                text(a, "telephone"));
    }

    /** A value by source path: {@code order:a.b.c} or {@code customer:<attribute code or field>}. */
    static String read(String source, JsonNode order, Supplier<JsonNode> customer) {
        if (FieldMapping.isNone(source)) {
            return null;
        }
        int colon = source.indexOf(':');
        String scope = colon < 0 ? "order" : source.substring(0, colon);
        String path = colon < 0 ? source : source.substring(colon + 1);
        if (scope.equals("customer")) {
            JsonNode record = customer.get();
            if (record == null) {
                return null;
            }
            for (JsonNode attribute : record.path("custom_attributes")) {
                if (path.equals(attribute.path("attribute_code").asText())) {
                    return blankToNull(attribute.path("value").asText(null));
                }
            }
            return text(record, path);
        }
        JsonNode node = order;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node.isValueNode() ? blankToNull(node.asText()) : null;
    }

    private static <T> Supplier<T> memo(Supplier<T> supplier) {
        return new Supplier<>() {
            private boolean done;
            private T value;

            @Override
            public T get() {
                if (!done) {
                    value = supplier.get();
                    done = true;
                }
                return value;
            }
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? blankToNull(value.asText()) : null;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return value.isTextual() ? new BigDecimal(value.asText().trim()) : BigDecimal.ZERO;
        } catch (NumberFormatException notANumber) {
            return BigDecimal.ZERO;
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
