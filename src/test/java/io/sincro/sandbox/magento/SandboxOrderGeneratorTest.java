package io.sincro.sandbox.magento;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.fiscal.CodiceFiscale;
import io.sincro.fiscal.PartitaIva;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generated shop: deterministic, and every documented rule holds for every order. */
class SandboxOrderGeneratorTest {

    private static final Instant NEWEST = Instant.parse("2024-05-14T09:20:41Z");
    private static final SandboxShop SHOP = SandboxShop.generate(2024, 400, NEWEST);
    private static final List<ObjectNode> ORDERS = SHOP.orders();

    @Test
    void sameSeedGivesTheSameShopAndAnotherSeedAnotherOne() {
        SandboxShop again = SandboxShop.generate(2024, 400, NEWEST);
        assertThat(again.orders()).isEqualTo(ORDERS);
        assertThat(again.customers()).isEqualTo(SHOP.customers());
        assertThat(SandboxShop.generate(2025, 400, NEWEST).orders()).isNotEqualTo(ORDERS);
    }

    @Test
    void identifiersAndTimestampsFollowTheRules() {
        assertThat(ORDERS).hasSize(400);
        for (int i = 0; i < ORDERS.size(); i++) {
            ObjectNode order = ORDERS.get(i);
            assertThat(order.get("entity_id").asLong()).isEqualTo(1000 + i);
            assertThat(order.get("increment_id").asText()).isEqualTo(String.format("%09d", 1000 + i));
            assertThat(order.get("updated_at").asText()).isGreaterThanOrEqualTo(order.get("created_at").asText())
                    .isLessThanOrEqualTo("2024-05-14 09:20:41");
            assertThat(order.get("store_id").asInt()).isEqualTo(1);
            assertThat(order.get("order_currency_code").asText()).isEqualTo("EUR");
        }
        assertThat(ORDERS.get(399).get("updated_at").asText()).isEqualTo("2024-05-14 09:20:41");
        assertThat(ORDERS.get(0).get("created_at").asText()).startsWith("2024-05-04");
    }

    @Test
    void massUpdatedOrdersShareTheirUpdatedAtSecond() {
        Map<String, List<Long>> byUpdatedAt = ORDERS.stream().collect(Collectors.groupingBy(
                o -> o.get("updated_at").asText(), Collectors.mapping(o -> o.get("entity_id").asLong(), Collectors.toList())));
        assertThat(byUpdatedAt.values().stream().filter(ids -> ids.size() >= 3).count()).isGreaterThanOrEqualTo(3);
        for (long e = 1014; e < 1400; e += 20) {
            assertThat(SHOP.order(e + 1).get("updated_at")).isEqualTo(SHOP.order(e).get("updated_at"));
            assertThat(SHOP.order(e + 2).get("updated_at")).isEqualTo(SHOP.order(e).get("updated_at"));
        }
    }

    @Test
    void registeredOrdersPointAtAnExistingCustomerWithTheSameIdentityAndGuestsHaveNone() {
        int registered = 0;
        for (ObjectNode order : ORDERS) {
            long e = order.get("entity_id").asLong();
            if (SandboxOrderGenerator.isRegistered(e)) {
                registered++;
                assertThat(order.get("customer_is_guest").asInt()).isZero();
                ObjectNode customer = SHOP.customer(order.get("customer_id").asLong());
                assertThat(customer).isNotNull();
                assertSameIdentity(order, customer);
                assertThat(order.at("/billing_address/customer_address_id").asText())
                        .isEqualTo(customer.get("default_billing").asText());
            } else {
                assertThat(order.has("customer_id")).as("order %d", e).isFalse();
                assertThat(order.get("customer_is_guest").asInt()).isEqualTo(1);
                assertThat(order.get("customer_group_id").asInt()).isZero();
            }
        }
        assertThat(registered).isBetween(120, 140);
    }

    @Test
    void guestTwinsReuseTheIdentityOfARegisteredCustomerWhoHasOrders() {
        int twins = 0;
        for (long e = 1004; e < 1400; e += 50) {
            ObjectNode twin = SHOP.order(e);
            assertThat(twin.get("customer_is_guest").asInt()).isEqualTo(1);
            ObjectNode source = SHOP.order(SandboxOrderGenerator.twinSourceOf(e));
            ObjectNode customer = SHOP.customer(source.get("customer_id").asLong());
            assertSameIdentity(twin, customer);
            twins++;
        }
        assertThat(twins).isEqualTo(8);
    }

    @Test
    void invalidPartitaIvaExactlyOnTheDocumentedOrdersAndEveryOtherFiscalCodeIsValid() {
        for (ObjectNode order : ORDERS) {
            long e = order.get("entity_id").asLong();
            JsonNode billing = order.get("billing_address");
            String vatId = billing.path("vat_id").asText(null);
            if (SandboxOrderGenerator.hasInvalidVat(e)) {
                assertThat(billing.has("company")).isTrue();
                assertThat(PartitaIva.whyInvalid(vatId)).as("order %d vat %s", e, vatId).isPresent();
                assertThat(order.has("customer_taxvat")).isFalse();
                continue;
            }
            if (vatId != null && !PartitaIva.isForeign(vatId)) {
                assertThat(PartitaIva.whyInvalid(vatId)).as("order %d", e).isEmpty();
            }
            if (vatId == null) {
                assertThat(order.get("customer_taxvat").asText()).hasSize(16);
            }
            if (order.has("customer_taxvat")) {
                assertThat(CodiceFiscale.whyInvalid(order.get("customer_taxvat").asText())).as("order %d", e).isEmpty();
            }
        }
        SHOP.customers().stream().filter(c -> c.has("taxvat"))
                .forEach(c -> assertThat(CodiceFiscale.whyInvalid(c.get("taxvat").asText())).isEmpty());
    }

    @Test
    void theMixHasCompaniesSoleTradersPrivatesAndForeignBuyers() {
        Map<String, Integer> kinds = new HashMap<>();
        for (ObjectNode order : ORDERS) {
            JsonNode billing = order.get("billing_address");
            String vatId = billing.path("vat_id").asText("");
            String kind = billing.has("company") ? (PartitaIva.isForeign(vatId) ? "foreign" : "company")
                    : (vatId.isEmpty() ? "private" : "sole trader");
            kinds.merge(kind, 1, Integer::sum);
            // as in a stock Magento 2.4: the order has no PEC or SDI code (the customer record may)
            JsonNode extension = order.get("extension_attributes");
            assertThat(extension.has("codice_sdi") || extension.has("pec")).isFalse();
        }
        assertThat(kinds).containsKeys("company", "sole trader", "private", "foreign");
        assertThat(kinds.get("private")).isGreaterThan(kinds.get("company"));
    }

    @Test
    void configurableProductsHaveAPricedParentRowAndAZeroPricedChildRow() {
        int withConfigurable = 0;
        for (ObjectNode order : ORDERS) {
            long e = order.get("entity_id").asLong();
            List<JsonNode> parents = rows(order, "configurable");
            assertThat(parents).as("order %d", e).hasSize(SandboxOrderGenerator.hasConfigurable(e) ? 1 : 0);
            if (parents.isEmpty()) {
                continue;
            }
            withConfigurable++;
            JsonNode parent = parents.get(0);
            JsonNode child = childOf(order, parent.get("item_id").asLong());
            assertThat(child.get("product_type").asText()).isEqualTo("simple");
            assertThat(child.get("sku").asText()).isEqualTo(parent.get("sku").asText());
            assertThat(child.get("price").decimalValue()).isZero();
            assertThat(parent.get("price").decimalValue()).isPositive();
            assertThat(parent.at("/product_option/extension_attributes/configurable_item_options/0/option_id").isTextual())
                    .isTrue();
            assertThat(catalogueSkus()).contains(child.get("sku").asText());
        }
        assertThat(withConfigurable).isEqualTo(100);
    }

    @Test
    void unknownSkusExactlyOnTheDocumentedOrders() {
        Set<String> unknown = Set.copyOf(SHOP.unknownSkus());
        assertThat(unknown).hasSize(5).contains("NEW-GADGET-01");
        for (ObjectNode order : ORDERS) {
            long e = order.get("entity_id").asLong();
            List<String> skus = new ArrayList<>();
            order.get("items").forEach(item -> skus.add(item.get("sku").asText()));
            long unknownLines = skus.stream().filter(unknown::contains).count();
            assertThat(unknownLines).as("order %d", e).isEqualTo(SandboxOrderGenerator.hasUnknownSku(e) ? 1 : 0);
            skus.stream().filter(sku -> !unknown.contains(sku)).forEach(sku -> assertThat(catalogueSkus()).contains(sku));
        }
    }

    @Test
    void totalsAddUpAndDiscountsAreNegativeWhereDocumented() {
        for (ObjectNode order : ORDERS) {
            long e = order.get("entity_id").asLong();
            BigDecimal rows = BigDecimal.ZERO;
            BigDecimal itemTax = BigDecimal.ZERO;
            for (JsonNode item : order.get("items")) {
                rows = rows.add(item.get("row_total").decimalValue());
                itemTax = itemTax.add(item.get("tax_amount").decimalValue());
            }
            assertThat(order.get("subtotal").decimalValue()).isEqualByComparingTo(rows);
            assertThat(order.get("tax_amount").decimalValue())
                    .isEqualByComparingTo(itemTax.add(order.get("shipping_tax_amount").decimalValue()));
            assertThat(order.get("grand_total").decimalValue()).isEqualByComparingTo(order.get("subtotal").decimalValue()
                    .add(order.get("discount_amount").decimalValue())
                    .add(order.get("shipping_amount").decimalValue())
                    .add(order.get("tax_amount").decimalValue()));
            BigDecimal discount = order.get("discount_amount").decimalValue();
            if (SandboxOrderGenerator.hasDiscount(e)) {
                assertThat(discount).isNegative();
                assertThat(order.get("coupon_code").asText()).isNotEmpty();
            } else {
                assertThat(discount).isZero();
                assertThat(order.has("coupon_code")).isFalse();
            }
        }
    }

    @Test
    void everyOrderHasAShippingAssignmentPaymentAndTheStateOfTheRules() {
        Set<String> methods = Set.of("flatrate_flatrate", "tablerate_bestway", "freeshipping_freeshipping", "dhl_express");
        Set<String> payments = Set.of("checkmo", "banktransfer", "paypal_express", "cashondelivery");
        for (ObjectNode order : ORDERS) {
            long e = order.get("entity_id").asLong();
            JsonNode shipping = order.at("/extension_attributes/shipping_assignments/0/shipping");
            assertThat(methods).contains(shipping.get("method").asText());
            assertThat(shipping.at("/address/address_type").asText()).isEqualTo("shipping");
            assertThat(payments).contains(order.at("/payment/method").asText());
            assertThat(order.get("state").asText()).isEqualTo(SandboxOrderGenerator.stateOf(e));
            assertThat(order.get("status_histories")).isEmpty();
        }
        assertThat(SHOP.order(1000).get("status").asText()).isEqualTo("processing");
        assertThat(SHOP.order(1001).get("status").asText()).isEqualTo("pending");
        assertThat(SHOP.order(1013).get("status").asText()).isEqualTo("canceled");
    }

    @Test
    void appendOrderAddsTheNextOrderCreatedAndUpdatedAtTheGivenTime() {
        SandboxShop shop = SandboxShop.generate(5, 30, NEWEST);
        ObjectNode appended = new SandboxOrderGenerator(5).appendOrder(shop, NEWEST.plusSeconds(60));
        assertThat(appended.get("entity_id").asLong()).isEqualTo(1030);
        assertThat(shop.order(1030)).isEqualTo(appended);
        assertThat(appended.get("updated_at").asText()).isEqualTo("2024-05-14 09:21:41");
        assertThat(appended.get("state").asText()).isIn("new", "processing");
    }

    @Test
    void shopHandsOutCopiesAndTouchCustomerBumpsUpdatedAt() {
        SandboxShop shop = SandboxShop.generate(5, 30, NEWEST);
        shop.order(1000).put("state", "changed behind the shop's back");
        assertThat(shop.order(1000).get("state").asText()).isNotEqualTo("changed behind the shop's back");

        String before = shop.customer(1).get("updated_at").asText();
        shop.touchCustomer(1, customer -> customer.put("lastname", "Nuovo").putNull("taxvat"));
        ObjectNode after = shop.customer(1);
        assertThat(after.get("lastname").asText()).isEqualTo("Nuovo");
        assertThat(after.has("taxvat")).isFalse();
        assertThat(after.get("updated_at").asText()).isGreaterThan(before);

        shop.touchOrder(1000, NEWEST.plusSeconds(5), "complete", "complete");
        assertThat(shop.order(1000).get("updated_at").asText()).isEqualTo("2024-05-14 09:20:46");
    }

    private static void assertSameIdentity(ObjectNode order, ObjectNode customer) {
        assertThat(order.get("customer_email")).isEqualTo(customer.get("email"));
        assertThat(order.get("customer_firstname")).isEqualTo(customer.get("firstname"));
        assertThat(order.get("customer_lastname")).isEqualTo(customer.get("lastname"));
    }

    private static List<JsonNode> rows(ObjectNode order, String productType) {
        List<JsonNode> rows = new ArrayList<>();
        order.get("items").forEach(item -> {
            if (item.get("product_type").asText().equals(productType)) {
                rows.add(item);
            }
        });
        return rows;
    }

    private static JsonNode childOf(ObjectNode order, long parentItemId) {
        for (JsonNode item : order.get("items")) {
            if (item.path("parent_item_id").asLong(-1) == parentItemId) {
                return item;
            }
        }
        throw new AssertionError("no child row for item " + parentItemId);
    }

    private static Set<String> catalogueSkus() {
        return SHOP.catalogue().stream().map(SandboxShop.CatalogueItem::sku).collect(Collectors.toSet());
    }
}
