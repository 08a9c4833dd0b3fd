package io.sincro.sandbox.prestashop;

import io.sincro.fiscal.CodiceFiscale;
import io.sincro.fiscal.PartitaIva;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A generated PrestaShop shop for the sandbox and the tests: the reference data a fresh Italian install has
 * (the euro, Italy/Germany/France, the thirteen order states and their {@code PS_OS_*} configuration keys,
 * carriers), a catalogue with 22 %, 10 % and 4 % VAT, Italian customers with addresses (partita IVA with a
 * correct check digit for companies, codice fiscale for people), and orders with rows, order_details,
 * order_carriers and a first history row. Some orders carry discounts; the last two share one
 * {@code date_upd} (the boundary second a poller must read once); a few are awaiting payment or canceled.
 * Same seed, same shop.
 */
public final class SandboxPrestaShop {

    public static final int LANGUAGE_ID = 1;
    public static final long SHOP_ID = 1;
    public static final long ITALY = 10;

    /**
     * Order-state ids by configuration key. {@link #freshInstall()} numbers them as PrestaShop's installer does
     * (shop-apis B3); {@link #shifted(int)} numbers them otherwise, as on a shop that was upgraded or
     * customised, so that a client that hard-codes ids fails.
     */
    public record StateIds(Map<String, Long> ids) {
        static final List<String[]> STATES = List.of(
                new String[] {"PS_OS_CHEQUE", "Awaiting check payment", "0", "0", "0"},
                new String[] {"PS_OS_PAYMENT", "Payment accepted", "1", "0", "0"},
                new String[] {"PS_OS_PREPARATION", "Processing in progress", "1", "0", "0"},
                new String[] {"PS_OS_SHIPPING", "Shipped", "1", "1", "0"},
                new String[] {"PS_OS_DELIVERED", "Delivered", "1", "1", "1"},
                new String[] {"PS_OS_CANCELED", "Canceled", "0", "0", "0"},
                new String[] {"PS_OS_REFUND", "Refunded", "1", "0", "0"},
                new String[] {"PS_OS_ERROR", "Payment error", "0", "0", "0"},
                new String[] {"PS_OS_OUTOFSTOCK_PAID", "On backorder (paid)", "1", "0", "0"},
                new String[] {"PS_OS_BANKWIRE", "Awaiting bank wire payment", "0", "0", "0"},
                new String[] {"PS_OS_WS_PAYMENT", "Remote payment accepted", "1", "0", "0"},
                new String[] {"PS_OS_OUTOFSTOCK_UNPAID", "On backorder (not paid)", "0", "0", "0"},
                new String[] {"PS_OS_COD_VALIDATION", "Awaiting Cash On Delivery validation", "0", "0", "0"});

        public static StateIds freshInstall() {
            return shifted(0);
        }

        public static StateIds shifted(int by) {
            Map<String, Long> ids = new LinkedHashMap<>();
            for (int i = 0; i < STATES.size(); i++) {
                ids.put(STATES.get(i)[0], (long) (i + 1 + by));
            }
            return new StateIds(ids);
        }

        public long id(String key) {
            return ids.get(key);
        }
    }

    /** A product of the catalogue: reference (SKU), name, price tax excluded, VAT rate, tax rules group. */
    public record Item(String reference, String name, BigDecimal price, int vatRate, int taxRulesGroup) {
    }

    public static final List<Item> CATALOGUE = List.of(
            new Item("MUG-001", "Tazza in ceramica", new BigDecimal("10.000000"), 22, 1),
            new Item("TSHIRT-M-BLU", "T-shirt cotone blu M", new BigDecimal("16.393443"), 22, 1),
            new Item("FELPA-L-GRIGIA", "Felpa con cappuccio grigia L", new BigDecimal("40.983607"), 22, 1),
            new Item("ZAINO-URBAN", "Zaino urban 20 l", new BigDecimal("57.377049"), 22, 1),
            new Item("BORRACCIA-750", "Borraccia termica 750 ml", new BigDecimal("18.032787"), 22, 1),
            new Item("CAFFE-MOKA-250", "Caffè macinato moka 250 g", new BigDecimal("4.545455"), 10, 2),
            new Item("OLIO-EVO-1L", "Olio extravergine d'oliva 1 l", new BigDecimal("11.818182"), 10, 2),
            new Item("PASTA-GRA-500", "Pasta di Gragnano 500 g", new BigDecimal("2.727273"), 10, 2),
            new Item("LIBRO-RICETTE", "Libro di ricette regionali", new BigDecimal("24.038462"), 4, 3),
            new Item("RIVISTA-ABB", "Abbonamento rivista mensile", new BigDecimal("38.461538"), 4, 3));

    private record Carrier(long id, String name, BigDecimal shippingExcl) {
    }

    private static final List<Carrier> CARRIERS = List.of(new Carrier(1, "Ritiro in negozio", BigDecimal.ZERO),
            new Carrier(2, "BRT Corriere Espresso", new BigDecimal("4.918033")),
            new Carrier(3, "DHL Express", new BigDecimal("8.196721")), new Carrier(4, "GLS", new BigDecimal("5.737705")));

    private record Payment(String module, String label) {
    }

    private static final List<Payment> PAYMENTS = List.of(new Payment("ps_wirepayment", "Bonifico bancario"),
            new Payment("ps_checkpayment", "Assegno"), new Payment("ps_cashondelivery", "Contrassegno"),
            new Payment("paypal", "PayPal"));

    private record City(String name, String postcode, String province, String belfiore, String vatOffice) {
    }

    private static final List<City> CITIES = List.of(new City("Milano", "20121", "MI", "F205", "015"),
            new City("Roma", "00184", "RM", "H501", "058"), new City("Torino", "10121", "TO", "L219", "001"),
            new City("Napoli", "80133", "NA", "F839", "063"), new City("Bologna", "40121", "BO", "A944", "037"),
            new City("Firenze", "50122", "FI", "D612", "048"), new City("Venezia", "30121", "VE", "L736", "027"),
            new City("Bari", "70121", "BA", "A662", "072"), new City("Palermo", "90133", "PA", "G273", "082"));
    private static final List<String> MALE = List.of("Marco", "Luca", "Giuseppe", "Francesco", "Andrea", "Matteo");
    private static final List<String> FEMALE = List.of("Giulia", "Francesca", "Chiara", "Sara", "Elena", "Laura");
    private static final List<String> SURNAMES = List.of("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano",
            "Colombo", "Ricci", "Marino", "Greco", "Conti", "De Luca", "Mancini", "Lombardi");
    private static final List<String> STREETS = List.of("Via Roma", "Corso Italia", "Via Garibaldi", "Via Dante",
            "Piazza della Repubblica", "Via Mazzini", "Viale Europa");

    private SandboxPrestaShop() {
    }

    /** A shop with {@code orders} orders, the last one changed at {@code now} (shop-local time). */
    public static PrestaShopShop generate(long seed, int orders, LocalDateTime now, StateIds states) {
        PrestaShopShop shop = new PrestaShopShop();
        Random random = new Random(seed);
        String created = now.minusDays(30).format(PrestaShopShop.DATE);
        referenceData(shop, states, created);
        List<Long> products = new ArrayList<>();
        for (Item item : CATALOGUE) {
            WsRow product = shop.insert("products", new WsRow().set("reference", item.reference()).set("name", item.name())
                    .set("price", item.price().toPlainString()).set("id_tax_rules_group", item.taxRulesGroup())
                    .set("active", 1).set("state", 1).set("visibility", "both").set("available_for_order", 1)
                    .set("show_price", 1).set("id_category_default", 2).set("id_shop_default", SHOP_ID)
                    .set("minimal_quantity", 1).set("type", "simple").set("condition", "new")
                    .set("link_rewrite", item.reference().toLowerCase(Locale.ROOT)).set("manufacturer_name", "")
                    .set("date_add", created).set("date_upd", created));
            WsRow stock = shop.insert("stock_availables", new WsRow().set("id_product", product.id())
                    .set("id_product_attribute", 0).set("id_shop", SHOP_ID).set("id_shop_group", 0)
                    .set("quantity", 5 + random.nextInt(60)).set("depends_on_stock", 0).set("out_of_stock", 2)
                    .set("location", ""));
            product.association("stock_availables", List.of(Map.of("id", String.valueOf(stock.id()), "id_product_attribute", "0")));
            shop.replace("products", product);
            products.add(product.id());
        }
        int customers = Math.max(1, (orders + 1) / 2);
        List<long[]> parties = new ArrayList<>(); // customer id, invoice address id, delivery address id
        for (int c = 0; c < customers; c++) {
            parties.add(customer(shop, random, c, created));
        }
        LocalDateTime first = now.minusMinutes(7L * orders + 5);
        for (int o = 0; o < orders; o++) {
            LocalDateTime placed = first.plusMinutes(7L * o);
            LocalDateTime changed = o == orders - 1 ? now : placed.plusMinutes(3);
            if (o == orders - 2 && orders >= 2) {
                changed = now; // the boundary second: the last two orders share one date_upd
            }
            String state = o % 11 == 4 ? "PS_OS_BANKWIRE" : o % 13 == 7 ? "PS_OS_CANCELED" : "PS_OS_PAYMENT";
            order(shop, random, parties.get(o % customers), products, placed, changed, states.id(state), state.equals("PS_OS_PAYMENT"), o);
        }
        return shop;
    }

    private static void referenceData(PrestaShopShop shop, StateIds states, String created) {
        shop.insert("currencies", new WsRow().set("id", 1).set("names", "Euro").set("name", "Euro").set("symbol", "€")
                .set("iso_code", "EUR").set("numeric_iso_code", "978").set("precision", 2).set("conversion_rate", "1.000000")
                .set("deleted", 0).set("active", 1).set("unofficial", 0).set("modified", 0).set("pattern", ""));
        for (Object[] c : new Object[][] {{1L, "DE", "Germania", "49"}, {8L, "FR", "Francia", "33"}, {ITALY, "IT", "Italia", "39"}}) {
            shop.insert("countries", new WsRow().set("id", c[0]).set("id_zone", 1).set("id_currency", 0)
                    .set("call_prefix", c[3]).set("iso_code", c[1]).set("active", 1).set("contains_states", c[0].equals(ITALY) ? 1 : 0)
                    .set("need_identification_number", 0).set("need_zip_code", 1).set("zip_code_format", "NNNNN")
                    .set("display_tax_label", 1).set("name", c[2]));
        }
        for (City city : CITIES) {
            shop.insert("states", new WsRow().set("id_zone", 1).set("id_country", ITALY).set("iso_code", city.province())
                    .set("name", city.name()).set("active", 1));
        }
        for (int i = 0; i < StateIds.STATES.size(); i++) {
            String[] s = StateIds.STATES.get(i);
            shop.insert("order_states", new WsRow().set("id", states.id(s[0])).set("unremovable", 1).set("delivery", s[4])
                    .set("hidden", 0).set("send_email", 1).set("module_name", "").set("invoice", s[2]).set("color", "#34209E")
                    .set("logable", s[2]).set("shipped", s[3]).set("paid", s[2]).set("pdf_delivery", s[3])
                    .set("pdf_invoice", s[2]).set("deleted", 0).set("name", s[1]).set("template", ""));
            config(shop, s[0], String.valueOf(states.id(s[0])), created);
        }
        config(shop, "PS_LANG_DEFAULT", String.valueOf(LANGUAGE_ID), created);
        config(shop, "PS_SHOP_DEFAULT", String.valueOf(SHOP_ID), created);
        config(shop, "PS_CURRENCY_DEFAULT", "1", created);
        config(shop, "PS_COUNTRY_DEFAULT", String.valueOf(ITALY), created);
        config(shop, "PS_TIMEZONE", PrestaShopShop.SHOP_ZONE.getId(), created);
        config(shop, "PS_WEBSERVICE", "1", created);
        for (Carrier carrier : CARRIERS) {
            shop.insert("carriers", new WsRow().set("id", carrier.id()).set("deleted", 0).set("is_module", 0)
                    .set("id_tax_rules_group", 1).set("id_reference", carrier.id()).set("name", carrier.name())
                    .set("active", 1).set("is_free", carrier.shippingExcl().signum() == 0 ? 1 : 0)
                    .set("url", carrier.id() == 3 ? "https://www.dhl.com/it-it/home/tracking.html?tracking-id=@" : "")
                    .set("shipping_handling", 0).set("shipping_external", 0).set("range_behavior", 0).set("shipping_method", 1)
                    .set("max_width", 0).set("max_height", 0).set("max_depth", 0).set("max_weight", "0.000000").set("grade", 0)
                    .set("external_module_name", "").set("need_range", 0).set("position", carrier.id() - 1)
                    .set("delay", "Consegna in 24/48 ore"));
        }
    }

    private static void config(PrestaShopShop shop, String name, String value, String created) {
        shop.insert("configurations", new WsRow().set("value", value).set("name", name).set("id_shop_group", "")
                .set("id_shop", "").set("date_add", created).set("date_upd", created));
    }

    private static long[] customer(PrestaShopShop shop, Random random, int n, String created) {
        boolean female = random.nextBoolean();
        String firstname = pick(random, female ? FEMALE : MALE);
        String lastname = pick(random, SURNAMES);
        boolean company = n % 4 == 1;
        City city = pick(random, CITIES);
        String email = (firstname + "." + lastname).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + n + "@example.com";
        byte[] secure = new byte[16];
        random.nextBytes(secure);
        WsRow customer = shop.insert("customers", new WsRow().set("id_default_group", 3).set("id_lang", LANGUAGE_ID)
                .set("newsletter_date_add", "0000-00-00 00:00:00").set("ip_registration_newsletter", "")
                .set("last_passwd_gen", created).set("secure_key", HexFormat.of().formatHex(secure)).set("deleted", 0)
                .set("passwd", "$2y$10$" + HexFormat.of().formatHex(secure).substring(0, 22) + "sandboxhashnotreal0000000")
                .set("lastname", lastname).set("firstname", firstname).set("email", email).set("id_gender", female ? 2 : 1)
                .set("birthday", "0000-00-00").set("newsletter", n % 3 == 0 ? 1 : 0).set("optin", 0).set("website", "")
                .set("company", company ? lastname + " S.r.l." : "").set("siret", "").set("ape", "")
                .set("outstanding_allow_amount", "0.000000").set("show_public_prices", 0).set("id_risk", 0)
                .set("max_payment_days", 0).set("active", 1).set("note", "").set("is_guest", 0).set("id_shop", SHOP_ID)
                .set("id_shop_group", 1).set("date_add", created).set("date_upd", created).set("reset_password_token", "")
                .set("reset_password_validity", "0000-00-00 00:00:00"));
        customer.association("groups", List.of(Map.of("id", "3")));
        shop.replace("customers", customer);
        long state = shop.where("states", s -> s.get("iso_code").equals(city.province())).get(0).id();
        String vat = company ? partitaIva(random, city) : "";
        String dni = company ? "" : codiceFiscale(random, firstname, lastname, female, city);
        WsRow invoice = address(shop, customer.id(), "Fatturazione", firstname, lastname, customer.get("company"), vat, dni,
                city, state, random, created);
        long delivery = invoice.id();
        if (n % 3 == 2) {
            City other = pick(random, CITIES);
            long otherState = shop.where("states", s -> s.get("iso_code").equals(other.province())).get(0).id();
            delivery = address(shop, customer.id(), "Spedizione", firstname, lastname, "", "", dni, other, otherState, random,
                    created).id();
        }
        return new long[] {customer.id(), invoice.id(), delivery};
    }

    private static WsRow address(PrestaShopShop shop, long customerId, String alias, String firstname, String lastname,
            String company, String vat, String dni, City city, long state, Random random, String created) {
        return shop.insert("addresses", new WsRow().set("id_customer", customerId).set("id_manufacturer", 0)
                .set("id_supplier", 0).set("id_warehouse", 0).set("id_country", ITALY).set("id_state", state)
                .set("alias", alias).set("company", company).set("lastname", lastname).set("firstname", firstname)
                .set("vat_number", vat).set("address1", pick(random, STREETS) + " " + (1 + random.nextInt(120)))
                .set("address2", "").set("postcode", city.postcode()).set("city", city.name()).set("other", "")
                .set("phone", "0" + (200000000 + random.nextInt(799999999))).set("phone_mobile", "3" + (300000000 + random.nextInt(99999999)))
                .set("dni", dni).set("deleted", 0).set("date_add", created).set("date_upd", created));
    }

    private static void order(PrestaShopShop shop, Random random, long[] party, List<Long> products, LocalDateTime placed,
            LocalDateTime changed, long state, boolean valid, int n) {
        Carrier carrier = CARRIERS.get(n % CARRIERS.size());
        Payment payment = PAYMENTS.get(n % PAYMENTS.size());
        int lines = 1 + random.nextInt(3);
        List<Map<String, String>> rows = new ArrayList<>();
        List<WsRow> details = new ArrayList<>();
        BigDecimal productsExcl = BigDecimal.ZERO;
        BigDecimal productsIncl = BigDecimal.ZERO;
        BigDecimal discountExcl = BigDecimal.ZERO;
        BigDecimal discountIncl = BigDecimal.ZERO;
        int percent = n % 5 == 3 ? 10 : 0; // every fifth order has a 10 % line discount
        for (int l = 0; l < lines; l++) {
            Item item = CATALOGUE.get((n + 3 * l) % CATALOGUE.size());
            long productId = products.get(CATALOGUE.indexOf(item));
            int quantity = 1 + random.nextInt(3);
            BigDecimal rate = BigDecimal.valueOf(item.vatRate()).movePointLeft(2);
            BigDecimal excl = item.price().multiply(BigDecimal.valueOf(100 - percent)).movePointLeft(2).setScale(6, RoundingMode.HALF_UP);
            BigDecimal incl = excl.multiply(BigDecimal.ONE.add(rate)).setScale(6, RoundingMode.HALF_UP);
            BigDecimal totalExcl = excl.multiply(BigDecimal.valueOf(quantity)).setScale(6, RoundingMode.HALF_UP);
            BigDecimal totalIncl = incl.multiply(BigDecimal.valueOf(quantity)).setScale(6, RoundingMode.HALF_UP);
            productsExcl = productsExcl.add(totalExcl);
            productsIncl = productsIncl.add(totalIncl);
            if (percent > 0) {
                BigDecimal off = item.price().subtract(excl).multiply(BigDecimal.valueOf(quantity));
                discountExcl = discountExcl.add(off);
                discountIncl = discountIncl.add(off.multiply(BigDecimal.ONE.add(rate)));
            }
            Map<String, String> row = new LinkedHashMap<>();
            row.put("product_id", String.valueOf(productId));
            row.put("product_attribute_id", "0");
            row.put("product_quantity", String.valueOf(quantity));
            row.put("product_name", item.name());
            row.put("product_reference", item.reference());
            row.put("product_ean13", "");
            row.put("product_isbn", "");
            row.put("product_upc", "");
            row.put("product_price", item.price().toPlainString());
            row.put("id_customization", "0");
            row.put("unit_price_tax_incl", incl.toPlainString());
            row.put("unit_price_tax_excl", excl.toPlainString());
            rows.add(row);
            details.add(new WsRow().set("product_id", productId).set("product_attribute_id", 0)
                    .set("product_quantity_reinjected", 0).set("group_reduction", "0.00").set("discount_quantity_applied", 0)
                    .set("download_hash", "").set("download_deadline", "0000-00-00 00:00:00").set("id_order_invoice", 0)
                    .set("id_warehouse", 0).set("id_shop", SHOP_ID).set("id_customization", 0).set("product_name", item.name())
                    .set("product_quantity", quantity).set("product_quantity_in_stock", quantity).set("product_quantity_return", 0)
                    .set("product_quantity_refunded", 0).set("product_price", item.price().toPlainString())
                    .set("reduction_percent", percent + ".00").set("reduction_amount", "0.000000")
                    .set("reduction_amount_tax_incl", "0.000000").set("reduction_amount_tax_excl", "0.000000")
                    .set("product_quantity_discount", "0.000000").set("product_ean13", "").set("product_isbn", "")
                    .set("product_upc", "").set("product_mpn", "").set("product_reference", item.reference())
                    .set("product_supplier_reference", "").set("product_weight", "0.500000").set("tax_computation_method", 0)
                    .set("id_tax_rules_group", item.taxRulesGroup()).set("ecotax", "0.000000").set("ecotax_tax_rate", "0.000")
                    .set("download_nb", 0).set("unit_price_tax_incl", incl.toPlainString())
                    .set("unit_price_tax_excl", excl.toPlainString()).set("total_price_tax_incl", totalIncl.toPlainString())
                    .set("total_price_tax_excl", totalExcl.toPlainString()).set("total_shipping_price_tax_excl", "0.000000")
                    .set("total_shipping_price_tax_incl", "0.000000").set("purchase_supplier_price", "0.000000")
                    .set("original_product_price", item.price().toPlainString()).set("original_wholesale_price", "0.000000")
                    .set("total_refunded_tax_excl", "0.000000").set("total_refunded_tax_incl", "0.000000")
                    .association("taxes", List.of(Map.of("id", String.valueOf(item.taxRulesGroup())))));
        }
        BigDecimal shippingExcl = carrier.shippingExcl().setScale(6, RoundingMode.HALF_UP);
        BigDecimal shippingIncl = shippingExcl.multiply(new BigDecimal("1.22")).setScale(6, RoundingMode.HALF_UP);
        BigDecimal paidExcl = productsExcl.add(shippingExcl);
        BigDecimal paidIncl = productsIncl.add(shippingIncl).setScale(2, RoundingMode.HALF_UP).setScale(6, RoundingMode.UNNECESSARY);
        String add = placed.format(PrestaShopShop.DATE);
        String upd = changed.format(PrestaShopShop.DATE);
        StringBuilder reference = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            reference.append((char) ('A' + random.nextInt(26)));
        }
        WsRow order = shop.insert("orders", new WsRow().set("id_address_delivery", party[2]).set("id_address_invoice", party[1])
                .set("id_cart", 100 + n).set("id_currency", 1).set("id_lang", LANGUAGE_ID).set("id_customer", party[0])
                .set("id_carrier", carrier.id()).set("current_state", state).set("module", payment.module())
                .set("invoice_number", 0).set("invoice_date", "0000-00-00 00:00:00").set("delivery_number", 0)
                .set("delivery_date", "0000-00-00 00:00:00").set("valid", valid ? 1 : 0).set("date_add", add)
                .set("date_upd", upd).set("note", "").set("id_shop_group", 1).set("id_shop", SHOP_ID)
                .set("secure_key", Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()))
                .set("payment", payment.label()).set("recyclable", 0).set("gift", 0).set("gift_message", "")
                .set("mobile_theme", 0).set("total_discounts", money(discountIncl)).set("total_discounts_tax_incl", money(discountIncl))
                .set("total_discounts_tax_excl", money(discountExcl)).set("total_paid", paidIncl.toPlainString())
                .set("total_paid_tax_incl", paidIncl.toPlainString()).set("total_paid_tax_excl", money(paidExcl))
                .set("total_paid_real", paidIncl.toPlainString()).set("total_products", money(productsExcl))
                .set("total_products_wt", money(productsIncl)).set("total_shipping", shippingIncl.toPlainString())
                .set("total_shipping_tax_incl", shippingIncl.toPlainString()).set("total_shipping_tax_excl", shippingExcl.toPlainString())
                .set("carrier_tax_rate", "22.000").set("total_wrapping", "0.000000").set("total_wrapping_tax_incl", "0.000000")
                .set("total_wrapping_tax_excl", "0.000000").set("round_mode", 2).set("round_type", 2)
                .set("conversion_rate", "1.000000").set("reference", reference.toString()));
        List<Map<String, String>> withIds = new ArrayList<>();
        for (int i = 0; i < details.size(); i++) {
            WsRow detail = shop.insert("order_details", details.get(i).set("id_order", order.id()));
            Map<String, String> row = new LinkedHashMap<>();
            row.put("id", String.valueOf(detail.id()));
            row.putAll(rows.get(i));
            withIds.add(row);
        }
        shop.replace("orders", order.association("order_rows", withIds));
        shop.insert("order_carriers", new WsRow().set("id_order", order.id()).set("id_carrier", carrier.id())
                .set("id_order_invoice", 0).set("weight", "0.500000").set("shipping_cost_tax_excl", shippingExcl.toPlainString())
                .set("shipping_cost_tax_incl", shippingIncl.toPlainString()).set("tracking_number", "").set("date_add", add));
        shop.insert("order_histories", new WsRow().set("id_employee", 0).set("id_order_state", state).set("id_order", order.id())
                .set("date_add", add));
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(6, RoundingMode.HALF_UP).toPlainString();
    }

    private static String partitaIva(Random random, City city) {
        String firstTen = String.format("%07d", random.nextInt(10_000_000)) + city.vatOffice();
        return firstTen + PartitaIva.checkDigit(firstTen);
    }

    private static String codiceFiscale(Random random, String firstname, String lastname, boolean female, City city) {
        String months = "ABCDEHLMPRST";
        int year = 60 + random.nextInt(40);
        int day = 1 + random.nextInt(28) + (female ? 40 : 0);
        String first15 = letters(lastname, false) + letters(firstname, true) + String.format("%02d", year)
                + months.charAt(random.nextInt(12)) + String.format("%02d", day) + city.belfiore();
        return first15 + CodiceFiscale.checkCharacter(first15);
    }

    /** The three letters of a name in a codice fiscale: consonants first (a first name with four or more skips the second). */
    private static String letters(String name, boolean firstName) {
        String upper = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        String consonants = upper.replaceAll("[AEIOU]", "");
        String vowels = upper.replaceAll("[^AEIOU]", "");
        if (firstName && consonants.length() >= 4) {
            return "" + consonants.charAt(0) + consonants.charAt(2) + consonants.charAt(3);
        }
        return (consonants + vowels + "XXX").substring(0, 3);
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
