package io.sincro.shop.magento;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.model.Address;
import io.sincro.model.ExpenseRow;
import io.sincro.model.Order;
import io.sincro.model.OrderCustomer;
import io.sincro.model.OrderLine;
import io.sincro.shop.FieldMapping;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import io.sincro.store.ShopAccounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.springframework.stereotype.Component;

/**
 * Turns a Magento order into the canonical {@link Order}: configurable products become one row
 * (the parent's price and tax, the child's SKU), shipping and discounts become expense rows, the
 * shipping address comes from {@code extension_attributes.shipping_assignments}, and the fiscal
 * fields are read wherever the account maps them (order fields, or the registered customer's
 * attributes, fetched only when a mapping needs them).
 */
@Component("magentoOrderMapper")
public class MagentoOrderMapper {

    private final MagentoClient client;
    private final ShopAccounts accounts;

    public MagentoOrderMapper(MagentoClient client, ShopAccounts accounts) {
        this.client = client;
        this.accounts = accounts;
    }

    public Order toOrder(RawShopOrder raw) {
        ShopAccount account = accounts.find(raw.accountId())
                .orElseThrow(() -> new IllegalStateException("account " + raw.accountId() + " no longer exists"));
        return toOrder(account, raw);
    }

    Order toOrder(ShopAccount account, RawShopOrder raw) {
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

        List<OrderLine> lines = lines(o);
        return new Order(raw.accountId(), raw.shopOrderId(), raw.number(), text(o, "status"),
                MagentoOrders.parseTime(text(o, "created_at")), raw.updatedAt(), text(o, "order_currency_code"),
                customer, address(billing), shipping.isMissingNode() ? null : address(shipping.path("address")),
                lines, expenses(o, shipping, lines), text(o.path("payment"), "method"), text(shipping, "method"),
                decimal(o, "grand_total"));
    }

    private static List<OrderLine> lines(JsonNode order) {
        Map<String, JsonNode> childrenByParent = new HashMap<>();
        for (JsonNode item : order.path("items")) {
            if (item.hasNonNull("parent_item_id")) {
                childrenByParent.put(item.path("parent_item_id").asText(), item);
            }
        }
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode item : order.path("items")) {
            if (item.hasNonNull("parent_item_id")) {
                continue;
            }
            JsonNode child = childrenByParent.get(item.path("item_id").asText());
            String options = child == null ? null : text(child, "name");
            lines.add(new OrderLine(text(item, "sku"), text(item, "name"), decimal(item, "qty_ordered"),
                    decimal(item, "price"), BigDecimal.ZERO, decimal(item, "tax_percent"), options));
        }
        return lines;
    }

    /** Shipping costs and the order discount, each net of VAT, as the manual wants them: expense rows. */
    private static List<ExpenseRow> expenses(JsonNode order, JsonNode shipping, List<OrderLine> lines) {
        List<ExpenseRow> expenses = new ArrayList<>();
        BigDecimal shippingAmount = decimal(order, "shipping_amount");
        if (shippingAmount.signum() > 0) {
            BigDecimal shippingTax = decimal(order, "shipping_tax_amount");
            BigDecimal rate = shippingTax.signum() == 0 ? BigDecimal.ZERO
                    : shippingTax.multiply(BigDecimal.valueOf(100)).divide(shippingAmount, 0, RoundingMode.HALF_UP);
            String method = firstNonBlank(text(shipping, "method"), "shipping");
            expenses.add(new ExpenseRow(ExpenseRow.Kind.SHIPPING, method,
                    firstNonBlank(text(order, "shipping_description"), method), shippingAmount, rate));
        }
        BigDecimal discount = decimal(order, "discount_amount").abs();
        if (discount.signum() > 0) {
            String description = firstNonBlank(text(order, "discount_description"), text(order, "coupon_code"), "Sconto");
            expenses.add(new ExpenseRow(ExpenseRow.Kind.DISCOUNT, "DISCOUNT", description, discount,
                    prevailingRate(lines)));
        }
        return expenses;
    }

    /** The VAT rate carrying the largest share of the goods, for a discount spread over them. */
    private static BigDecimal prevailingRate(List<OrderLine> lines) {
        return lines.stream()
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
        if (source == null || source.isBlank()) {
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
