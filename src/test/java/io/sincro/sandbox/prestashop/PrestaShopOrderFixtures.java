package io.sincro.sandbox.prestashop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real-shaped PrestaShop 8 orders in {@code src/test/resources/prestashop/orders} (see the README there):
 * each file holds what the webservice answers for one order — the order with its {@code order_rows}, its
 * {@code order_details}, customer, addresses, {@code order_carriers}, {@code order_cart_rules} where a voucher
 * was used, and the codes its addresses and currency point to. {@link #add} puts one into a simulated shop as
 * a new order placed now, under the shop's own ids: its customer, addresses and rows get new ids, its province,
 * country and currency the shop's ids for the same ISO codes (a currency the shop lacks is added), its carrier
 * is one of the shop's.
 */
public final class PrestaShopOrderFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PrestaShopOrderFixtures() {
    }

    /** The fixture's resources as the webservice answers them: resource → its rows. */
    public static JsonNode load(String name) {
        try (InputStream in = PrestaShopOrderFixtures.class.getResourceAsStream("/prestashop/orders/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no PrestaShop order fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds the fixture to {@code shop} as a new order in state {@code stateId}, changed now; {@code grandTotal}, when
     * not null, replaces what the shop says was paid. A registered customer already in the shop (same e-mail) is
     * reused; a guest checkout makes a new guest, as PrestaShop does.
     */
    public static WsRow add(PrestaShopShop shop, String name, long stateId, BigDecimal grandTotal) {
        JsonNode fixture = load(name);
        Map<String, String> states = byIsoCode(shop, fixture, "states");
        Map<String, String> countries = byIsoCode(shop, fixture, "countries");
        Map<String, String> currencies = new HashMap<>();
        for (JsonNode currency : fixture.path("currencies")) {
            String iso = currency.path("iso_code").asText();
            WsRow known = shop.where("currencies", c -> c.get("iso_code").equals(iso)).stream().findFirst()
                    .orElseGet(() -> shop.insert("currencies", row(currency, false)));
            currencies.put(currency.path("id").asText(), String.valueOf(known.id()));
        }
        JsonNode customer = fixture.path("customers").get(0);
        boolean guest = customer.path("is_guest").asText().equals("1");
        WsRow buyer = guest ? shop.insert("customers", row(customer, false)) : shop.where("customers",
                c -> c.get("email").equals(customer.path("email").asText()) && c.get("is_guest").equals("0")).stream()
                .findFirst().orElseGet(() -> shop.insert("customers", row(customer, false)));
        Map<String, String> addresses = new HashMap<>();
        for (JsonNode address : fixture.path("addresses")) {
            WsRow added = shop.insert("addresses", row(address, false).set("id_customer", buyer.id())
                    .set("id_state", states.getOrDefault(address.path("id_state").asText(), "0"))
                    .set("id_country", countries.getOrDefault(address.path("id_country").asText(), "0")));
            addresses.put(address.path("id").asText(), String.valueOf(added.id()));
        }

        JsonNode source = fixture.path("orders").get(0);
        String now = shop.now();
        WsRow order = row(source, false).set("id_customer", buyer.id())
                .set("id_address_invoice", addresses.get(source.path("id_address_invoice").asText()))
                .set("id_address_delivery", addresses.get(source.path("id_address_delivery").asText()))
                .set("id_currency", currencies.getOrDefault(source.path("id_currency").asText(),
                        source.path("id_currency").asText()))
                .set("current_state", stateId).set("date_add", now).set("date_upd", now);
        if (grandTotal != null) {
            String paid = grandTotal.setScale(6, RoundingMode.HALF_UP).toPlainString();
            order.set("total_paid", paid).set("total_paid_tax_incl", paid).set("total_paid_real", paid);
        }
        order = shop.insert("orders", order);
        long orderId = order.id();
        Map<String, String> details = new HashMap<>();
        for (JsonNode detail : fixture.path("order_details")) {
            WsRow added = shop.insert("order_details", row(detail, false).set("id_order", orderId));
            details.put(detail.path("id").asText(), String.valueOf(added.id()));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode orderRow : source.path("associations").path("order_rows")) {
            Map<String, String> copy = strings(orderRow);
            copy.put("id", details.get(orderRow.path("id").asText()));
            rows.add(copy);
        }
        order = shop.replace("orders", order.set("reference", reference(source.path("reference").asText(), orderId))
                .association("order_rows", rows));
        for (JsonNode carrier : fixture.path("order_carriers")) {
            shop.insert("order_carriers", row(carrier, false).set("id_order", orderId).set("date_add", now));
        }
        // kept as the shop keeps them; the hub reads the order's total_discounts, not this resource
        for (JsonNode voucher : fixture.path("order_cart_rules")) {
            shop.insert("order_cart_rules", row(voucher, false).set("id_order", orderId));
        }
        shop.insert("order_histories", new WsRow().set("id_employee", 0).set("id_order", orderId)
                .set("id_order_state", stateId).set("date_add", now));
        return order;
    }

    /** The fixture's ids of a code resource (states, countries) → the shop's ids for the same ISO code. */
    private static Map<String, String> byIsoCode(PrestaShopShop shop, JsonNode fixture, String resource) {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode code : fixture.path(resource)) {
            String iso = code.path("iso_code").asText();
            shop.where(resource, r -> r.get("iso_code").equals(iso)).stream().findFirst()
                    .ifPresent(found -> ids.put(code.path("id").asText(), String.valueOf(found.id())));
        }
        return ids;
    }

    /** Nine capital letters, as PrestaShop's references, unique per order: the fixture's first four and the id's. */
    private static String reference(String fixture, long id) {
        StringBuilder letters = new StringBuilder();
        long rest = id;
        for (int i = 0; i < 5; i++) {
            letters.insert(0, (char) ('A' + rest % 26));
            rest /= 26;
        }
        return fixture.substring(0, Math.min(4, fixture.length())) + letters;
    }

    /** A webservice object as the shop keeps it: its fields as strings, its associations; the id only when asked. */
    private static WsRow row(JsonNode object, boolean withId) {
        WsRow row = new WsRow();
        object.fields().forEachRemaining(field -> {
            if (field.getKey().equals("associations")) {
                field.getValue().fields().forEachRemaining(association -> {
                    List<Map<String, String>> items = new ArrayList<>();
                    association.getValue().forEach(item -> items.add(strings(item)));
                    row.association(association.getKey(), items);
                });
            } else if (withId || !field.getKey().equals("id")) {
                row.set(field.getKey(), field.getValue().asText());
            }
        });
        return row;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }
}
