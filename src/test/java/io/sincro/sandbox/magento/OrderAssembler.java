package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders one order as Magento's {@code sales-data-order-interface}, with the amounts Magento's
 * default Italian tax setup computes: net catalogue prices, discount applied on prices excluding tax,
 * tax computed after the discount, per row, rounded to the cent with the rounding remainder carried
 * from row to row at the same rate (Magento's default "Total" algorithm); shipping taxed at 22%.
 * Totals are consistent: grand_total = subtotal + discount_amount (negative) + shipping_amount + tax_amount.
 */
final class OrderAssembler {

    static final BigDecimal SHIPPING_VAT = BigDecimal.valueOf(22);
    static final BigDecimal FREE_SHIPPING_FROM = new BigDecimal("79.00");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** One ordered product; {@code parent} is set when it was bought through a configurable product. */
    record Line(SandboxCatalogue.Product product, int qty, SandboxCatalogue.Configurable parent, int optionValue) {
    }

    record Coupon(String code, BigDecimal percent) {
    }

    /** Who the order is for in the shop's customer records: all null/0 for a guest. */
    record Account(Long customerId, int groupId, Long billingAddressId, Long shippingAddressId) {
        static final Account GUEST = new Account(null, 0, null, null);
    }

    /** Everything the generator decided about an order. */
    record Spec(long entityId, Instant createdAt, Instant updatedAt, Party party, Account account, List<Line> lines,
            String state, String status, String paymentMethod, boolean preferTableRate, Coupon coupon) {
    }

    private record Amounts(BigDecimal rate, BigDecimal price, BigDecimal priceInclTax, BigDecimal rowTotal,
            BigDecimal rowTotalInclTax, BigDecimal discount, BigDecimal tax) {
    }

    private record Shipping(String method, String description, BigDecimal amount) {
    }

    private final Spec spec;
    private final ObjectNode order = Json.object();
    private final List<ObjectNode> rows = new ArrayList<>();
    private final Map<BigDecimal, BigDecimal> taxByRate = new TreeMap<>();
    private final Map<BigDecimal, BigDecimal> roundingDelta = new TreeMap<>();
    private BigDecimal subtotal = BigDecimal.ZERO;
    private BigDecimal subtotalInclTax = BigDecimal.ZERO;
    private BigDecimal discount = BigDecimal.ZERO;
    private BigDecimal itemTax = BigDecimal.ZERO;
    private BigDecimal weight = BigDecimal.ZERO;
    private int qtyOrdered;

    private OrderAssembler(Spec spec) {
        this.spec = spec;
    }

    static ObjectNode assemble(Spec spec) {
        return new OrderAssembler(spec).build();
    }

    private ObjectNode build() {
        identity();
        customer();
        spec.lines().forEach(this::addLine);
        Shipping shipping = shipping();
        BigDecimal shippingTax = money(shipping.amount().multiply(SHIPPING_VAT).divide(HUNDRED));
        if (shippingTax.signum() > 0) {
            taxByRate.merge(SHIPPING_VAT, shippingTax, BigDecimal::add);
        }
        BigDecimal grandTotal = totals(shipping, shippingTax);
        putItems();
        order.set("billing_address", address("billing", spec.party().billing(), spec.account().billingAddressId()));
        order.set("payment", payment(grandTotal, shipping.amount()));
        order.putArray("status_histories");
        extensionAttributes(shipping, shippingTax);
        return Json.withoutNulls(order);
    }

    private void identity() {
        long id = spec.entityId();
        order.put("entity_id", id)
                .put("increment_id", String.format("%09d", id))
                .put("state", spec.state())
                .put("status", spec.status())
                .put("created_at", MagentoTime.format(spec.createdAt()))
                .put("updated_at", MagentoTime.format(spec.updatedAt()))
                .put("store_id", 1)
                .put("store_name", "Main Website\nMain Website Store\nItaliano")
                .put("quote_id", id + 500)
                .put("protect_code", Long.toHexString(id * 2654435761L & 0xffffffffL) + "a1")
                .put("remote_ip", "192.0.2." + (id % 250 + 1))
                .put("email_sent", 1)
                .put("is_virtual", 0)
                .put("billing_address_id", id * 2)
                .put("base_currency_code", "EUR")
                .put("global_currency_code", "EUR")
                .put("order_currency_code", "EUR")
                .put("store_currency_code", "EUR")
                .put("base_to_global_rate", 1)
                .put("base_to_order_rate", 1)
                .put("store_to_base_rate", 0)
                .put("store_to_order_rate", 0);
    }

    private void customer() {
        Party party = spec.party();
        Account account = spec.account();
        order.put("customer_email", party.email())
                .put("customer_firstname", party.firstname())
                .put("customer_lastname", party.lastname())
                .put("customer_group_id", account.groupId())
                .put("customer_is_guest", account.customerId() == null ? 1 : 0)
                .put("customer_note_notify", 1)
                .put("customer_taxvat", party.taxvat());
        if (account.customerId() != null) {
            order.put("customer_id", account.customerId());
        }
    }

    private void addLine(Line line) {
        Amounts amounts = amounts(line);
        long itemId = spec.entityId() * 10 + rows.size();
        ObjectNode row = row(itemId, line, amounts);
        rows.add(row);
        if (line.parent() != null) {
            rows.add(childRow(itemId + 1, line, row));
        }
        subtotal = subtotal.add(amounts.rowTotal());
        subtotalInclTax = subtotalInclTax.add(amounts.rowTotalInclTax());
        discount = discount.add(amounts.discount());
        itemTax = itemTax.add(amounts.tax());
        taxByRate.merge(amounts.rate(), amounts.tax(), BigDecimal::add);
        weight = weight.add(line.product().weight().multiply(BigDecimal.valueOf(line.qty())));
        qtyOrdered += line.qty();
    }

    private Amounts amounts(Line line) {
        BigDecimal rate = line.product().vatRate();
        BigDecimal price = line.product().price();
        BigDecimal rowTotal = money(price.multiply(BigDecimal.valueOf(line.qty())));
        BigDecimal percent = spec.coupon() == null ? BigDecimal.ZERO : spec.coupon().percent();
        BigDecimal lineDiscount = money(rowTotal.multiply(percent).divide(HUNDRED));
        // Magento's default algorithm ("Total", TotalBaseCalculator): each row's tax is rounded with the
        // remainder of the previous rows at that rate carried on, so the rows add up to the rate's total
        BigDecimal exact = rowTotal.subtract(lineDiscount).multiply(rate).divide(HUNDRED)
                .add(roundingDelta.getOrDefault(rate, BigDecimal.ZERO));
        BigDecimal tax = money(exact);
        roundingDelta.put(rate, exact.subtract(tax));
        return new Amounts(rate, price, money(price.multiply(rate.add(HUNDRED)).divide(HUNDRED)), rowTotal,
                money(rowTotal.multiply(rate.add(HUNDRED)).divide(HUNDRED)), lineDiscount, tax);
    }

    /** The row carrying price and tax: a simple product, or the parent row of a configurable. */
    private ObjectNode row(long itemId, Line line, Amounts a) {
        boolean configurable = line.parent() != null;
        ObjectNode row = rowBase(itemId, line)
                .put("product_id", configurable ? line.parent().productId() : line.product().productId())
                .put("product_type", configurable ? "configurable" : "simple")
                .put("name", configurable ? line.parent().name() : line.product().name());
        money(row, "price", a.price());
        money(row, "original_price", a.price());
        money(row, "price_incl_tax", a.priceInclTax());
        money(row, "row_total", a.rowTotal());
        money(row, "row_total_incl_tax", a.rowTotalInclTax());
        money(row, "discount_amount", a.discount());
        money(row, "tax_amount", a.tax());
        row.set("tax_percent", Json.decimal(a.rate()));
        row.set("discount_percent", Json.decimal(spec.coupon() == null ? BigDecimal.ZERO : spec.coupon().percent()));
        boolean invoiced = invoiced();
        money(row, "row_invoiced", invoiced ? a.rowTotal() : BigDecimal.ZERO);
        money(row, "tax_invoiced", invoiced ? a.tax() : BigDecimal.ZERO);
        money(row, "discount_invoiced", invoiced ? a.discount() : BigDecimal.ZERO);
        if (configurable) {
            row.putObject("product_option").putObject("extension_attributes").putArray("configurable_item_options")
                    .addObject().put("option_id", line.parent().optionId()).put("option_value", line.optionValue());
        }
        return row;
    }

    /** The child row of a configurable: the real simple product, price 0, pointing at its parent. */
    private ObjectNode childRow(long itemId, Line line, ObjectNode parent) {
        ObjectNode row = rowBase(itemId, line)
                .put("parent_item_id", parent.get("item_id").asLong())
                .put("product_id", line.product().productId())
                .put("product_type", "simple")
                .put("name", line.product().name());
        for (String zero : List.of("price", "original_price", "row_total", "tax_percent", "tax_amount",
                "discount_amount", "discount_percent", "row_invoiced", "tax_invoiced", "discount_invoiced")) {
            row.put(zero, 0);
        }
        row.set("parent_item", parent.deepCopy());
        return row;
    }

    private ObjectNode rowBase(long itemId, Line line) {
        ObjectNode row = Json.object()
                .put("item_id", itemId)
                .put("order_id", spec.entityId())
                .put("quote_item_id", itemId + 5000)
                .put("store_id", 1)
                .put("created_at", MagentoTime.format(spec.createdAt()))
                .put("updated_at", MagentoTime.format(spec.updatedAt()))
                .put("sku", line.product().sku())
                .put("is_virtual", 0)
                .put("is_qty_decimal", 0)
                .put("no_discount", 0)
                .put("free_shipping", 0)
                .put("qty_ordered", line.qty())
                .put("qty_invoiced", invoiced() ? line.qty() : 0)
                .put("qty_shipped", spec.state().equals("complete") ? line.qty() : 0)
                .put("qty_canceled", spec.state().equals("canceled") ? line.qty() : 0)
                .put("qty_refunded", 0)
                .put("amount_refunded", 0)
                .put("discount_tax_compensation_amount", 0);
        row.set("weight", Json.decimal(line.product().weight()));
        return row;
    }

    private Shipping shipping() {
        if (spec.party().kind() == Party.Kind.FOREIGN_COMPANY) {
            return new Shipping("dhl_express", "DHL - Express worldwide", new BigDecimal("12.30"));
        }
        if (subtotalInclTax.compareTo(FREE_SHIPPING_FROM) >= 0) {
            return new Shipping("freeshipping_freeshipping", "Free Shipping - Free", BigDecimal.ZERO);
        }
        return spec.preferTableRate()
                ? new Shipping("tablerate_bestway", "Best Way - Table Rate", new BigDecimal("6.56"))
                : new Shipping("flatrate_flatrate", "Flat Rate - Fixed", new BigDecimal("4.10"));
    }

    private BigDecimal totals(Shipping shipping, BigDecimal shippingTax) {
        BigDecimal tax = itemTax.add(shippingTax);
        BigDecimal grandTotal = subtotal.subtract(discount).add(shipping.amount()).add(tax);
        both("subtotal", subtotal);
        both("subtotal_incl_tax", subtotalInclTax);
        both("discount_amount", discount.negate());
        if (spec.coupon() != null) {
            order.put("coupon_code", spec.coupon().code()).put("discount_description", spec.coupon().code());
        }
        both("discount_tax_compensation_amount", BigDecimal.ZERO);
        both("shipping_amount", shipping.amount());
        both("shipping_tax_amount", shippingTax);
        both("shipping_incl_tax", shipping.amount().add(shippingTax));
        both("shipping_discount_amount", BigDecimal.ZERO);
        order.put("shipping_description", shipping.description());
        both("tax_amount", tax);
        both("grand_total", grandTotal);
        paidAndDue(grandTotal);
        order.put("total_qty_ordered", qtyOrdered);
        order.put("total_item_count", spec.lines().size());
        order.set("weight", Json.decimal(weight));
        return grandTotal;
    }

    /** Invoiced orders (processing, complete) are paid; canceled ones carry total_canceled; others are due. */
    private void paidAndDue(BigDecimal grandTotal) {
        if (invoiced()) {
            both("total_invoiced", grandTotal);
            both("total_paid", grandTotal);
            both("total_due", BigDecimal.ZERO);
        } else {
            both("total_due", grandTotal);
        }
        if (spec.state().equals("canceled")) {
            both("total_canceled", grandTotal);
        }
    }

    private void putItems() {
        ArrayNode items = order.putArray("items");
        rows.forEach(items::add);
    }

    private ObjectNode address(String type, Party.Address address, Long customerAddressId) {
        Party party = spec.party();
        ObjectNode node = Json.object()
                .put("address_type", type)
                .put("entity_id", spec.entityId() * 2 + (type.equals("billing") ? 0 : 1))
                .put("parent_id", spec.entityId())
                .put("email", party.email())
                .put("firstname", party.firstname())
                .put("lastname", party.lastname())
                .put("company", party.company())
                .put("city", address.city())
                .put("postcode", address.postcode())
                .put("region", address.region())
                .put("region_code", address.regionCode())
                .put("region_id", address.regionId())
                .put("country_id", address.countryId())
                .put("telephone", address.telephone());
        ArrayNode street = node.putArray("street");
        address.street().forEach(street::add);
        if (type.equals("billing")) {
            node.put("vat_id", party.vatId());
        }
        if (customerAddressId != null) {
            node.put("customer_address_id", customerAddressId).put("customer_id", spec.account().customerId());
        }
        return node;
    }

    private ObjectNode payment(BigDecimal grandTotal, BigDecimal shippingAmount) {
        ObjectNode payment = Json.object()
                .put("entity_id", spec.entityId())
                .put("parent_id", spec.entityId())
                .put("method", spec.paymentMethod());
        ArrayNode info = payment.putArray("additional_information");
        PaymentMethods.additionalInformation(spec.paymentMethod(), spec.entityId()).forEach(info::add);
        money(payment, "amount_ordered", grandTotal);
        money(payment, "base_amount_ordered", grandTotal);
        money(payment, "shipping_amount", shippingAmount);
        money(payment, "base_shipping_amount", shippingAmount);
        if (invoiced()) {
            money(payment, "amount_paid", grandTotal);
            money(payment, "base_amount_paid", grandTotal);
        }
        if (spec.paymentMethod().equals("paypal_express")) {
            payment.put("last_trans_id", PaymentMethods.transactionId(spec.entityId()));
        }
        return payment;
    }

    private void extensionAttributes(Shipping shipping, BigDecimal shippingTax) {
        ObjectNode extension = order.putObject("extension_attributes");
        ObjectNode assignment = extension.putArray("shipping_assignments").addObject();
        ObjectNode shippingNode = assignment.putObject("shipping");
        shippingNode.set("address", address("shipping", spec.party().shipping(), spec.account().shippingAddressId()));
        shippingNode.put("method", shipping.method());
        ObjectNode total = shippingNode.putObject("total");
        money(total, "shipping_amount", shipping.amount());
        money(total, "base_shipping_amount", shipping.amount());
        money(total, "shipping_incl_tax", shipping.amount().add(shippingTax));
        money(total, "base_shipping_incl_tax", shipping.amount().add(shippingTax));
        money(total, "shipping_tax_amount", shippingTax);
        money(total, "base_shipping_tax_amount", shippingTax);
        ArrayNode items = assignment.putArray("items");
        rows.forEach(row -> items.add(row.deepCopy()));
        ArrayNode taxes = extension.putArray("applied_taxes");
        taxByRate.forEach((rate, amount) -> {
            ObjectNode tax = taxes.addObject().put("code", "IVA " + rate.toPlainString()).put("title", "IVA " + rate.toPlainString() + "%");
            tax.set("percent", Json.decimal(rate));
            money(tax, "amount", amount);
            money(tax, "base_amount", amount);
        });
        extension.putArray("payment_additional_info").addObject()
                .put("key", "method_title").put("value", PaymentMethods.title(spec.paymentMethod()));
        // no PEC or SDI code here: a stock Magento has neither; the sandbox keeps them on the customer record
    }

    private boolean invoiced() {
        return spec.state().equals("processing") || spec.state().equals("complete");
    }

    /** The amount and its base_* twin (base currency = order currency = EUR). */
    private void both(String field, BigDecimal amount) {
        money(order, field, amount);
        money(order, "base_" + field, amount);
    }

    private static void money(ObjectNode node, String field, BigDecimal amount) {
        node.set(field, Json.decimal(money(amount)));
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
