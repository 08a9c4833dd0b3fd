package io.sincro.shop.prestashop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.model.CatalogueProduct;
import io.sincro.model.ChannelOutcome;
import io.sincro.model.ListedProduct;
import io.sincro.model.PriceChange;
import io.sincro.model.ProductChange;
import io.sincro.model.QuantityChange;
import io.sincro.shop.CatalogueChannel;
import io.sincro.shop.CatalogueSettings;
import io.sincro.shop.PrestaShopSettings;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopException;
import io.sincro.shop.ShopThrottle;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * One PrestaShop account's catalogue (shop-apis B3 {@code products}, {@code stock_availables}): a product
 * is found by its {@code reference}, the SKU; publish looks it up first and links what the shop already
 * has (never a second product under one SKU, also after a create whose answer was lost); stop sets
 * {@code active} 0 (or the quantity 0, when the account stops by quantity) and nothing is ever deleted;
 * relist sets {@code active} 1 and the quantity; quantities go on the product's {@code stock_availables}
 * row by PUT (the webservice forbids POST there); the base price is the product's {@code price} (net of VAT).
 *
 * <p>A product is changed by reading its XML and sending it back whole with the changes (PUT works on 1.7
 * and 8; other languages and associations go back as they came), less the fields the webservice does not
 * take back ({@code manufacturer_name}, {@code quantity}: 400 code 93 "not writable"). Every call waits its
 * turn in the account's throttle; every answer becomes an outcome per SKU.
 *
 * <p>Multistore: when the account names its shop ({@code prestashop.shopId}), every call carries it as the
 * webservice's shop context ({@code id_shop}, PSD webservice cheat-sheet "Using the webservice in Multishop
 * mode"), so a product's shop fields (price, active) and a new product's association are that shop's; its
 * stock row is the shop's own ({@code id_shop}), or its group's when the group shares its stock
 * ({@code id_shop} 0). An account that names no shop sends no context, as on a single shop.
 */
final class PrestaShopCatalogueChannel implements CatalogueChannel {

    /** Product fields the webservice shows but refuses on a write (PSD products, "Writable"). */
    static final Set<String> READ_ONLY = Set.of("manufacturer_name", "quantity");
    /** A SKU the webservice's filter syntax can carry as one value. */
    private static final java.util.regex.Pattern FILTERABLE = java.util.regex.Pattern.compile("[^\\[\\]|,]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShopAccount account;
    private final CatalogueSettings settings;
    private final PrestaShopSettings shop;
    private final PrestaShopClient client;
    private final ShopThrottle throttle;
    private final ExecutorService senders;

    PrestaShopCatalogueChannel(ShopAccount account, PrestaShopClient client, ShopThrottle throttle,
            ExecutorService senders) {
        this.account = account;
        this.settings = account.settings().catalogue();
        this.shop = account.settings().prestashop();
        this.client = client;
        this.throttle = throttle;
        this.senders = senders;
    }

    // ------------------------------------------------------------------------------------------ look-up

    @Override
    public Optional<ListedProduct> lookUp(String sku) {
        return Optional.ofNullable(lookUpAll(List.of(sku)).get(sku));
    }

    /** The products of these SKUs that the shop has, by SKU as asked, in as few calls as the filter allows. */
    private Map<String, ListedProduct> lookUpAll(List<String> skus) {
        Map<String, ListedProduct> found = new LinkedHashMap<>();
        List<String> together = new ArrayList<>();
        for (String sku : skus) {
            if (!FILTERABLE.matcher(sku).matches()) {
                throw new ShopException.Rejected(where(sku) + "a PrestaShop reference has at most 64 characters and "
                        + "none of [ ] | , (the webservice's filter syntax)", 0);
            }
            together.add(sku);
        }
        for (int from = 0; from < together.size(); from += settings.batchSize()) {
            List<String> batch = together.subList(from, Math.min(together.size(), from + settings.batchSize()));
            Map<String, String> query = new LinkedHashMap<>();
            query.put("display", "[id,reference,active]");
            query.put("filter[reference]", "[" + String.join("|", batch) + "]");
            query.put("sort", "[id_ASC]");
            PrestaShopClient.Answer answer = call("GET", "products", json(query), null);
            if (!answer.ok()) {
                throw answer.status() == 0 || answer.status() == 429 || answer.status() >= 500
                        ? new ShopException.Busy(where("look-up of " + batch) + answer.message(), answer.status(), answer.retryAfter())
                        : new ShopException.Rejected(where("look-up of " + batch) + answer.message(), answer.status());
            }
            Map<String, JsonNode> byReference = new LinkedHashMap<>();
            for (JsonNode row : PrestaShopClient.list(parse(answer), "products")) {
                // the shop's collation finds references whatever their case: the oldest product of a reference wins
                byReference.putIfAbsent(row.path("reference").asText("").toLowerCase(Locale.ROOT), row);
            }
            for (String sku : batch) {
                JsonNode row = byReference.get(sku.toLowerCase(Locale.ROOT));
                if (row != null) {
                    found.put(sku, new ListedProduct(row.path("reference").asText(sku), row.path("id").asText(),
                            row.path("active").asInt(1) == 1));
                }
            }
        }
        return found;
    }

    // ---------------------------------------------------------------------------------------- publish

    @Override
    public ChannelOutcome publish(CatalogueProduct product) {
        Optional<ListedProduct> existing;
        try {
            existing = lookUp(product.sku());
        } catch (ShopException failed) {
            return CatalogueChannel.failedBefore(product.sku(), failed);
        }
        if (existing.isPresent()) {
            // already in the shop (an earlier create whose answer was lost, or an item awaiting link): link it,
            // and set its quantity, an absolute value, which is what that earlier create had still to do
            ChannelOutcome stock = product.quantity() == null ? null
                    : stock(product.sku(), existing.get().platformId(), product.quantity());
            if (stock != null && !stock.succeeded()) {
                return new ChannelOutcome(product.sku(), stock.kind(), existing.get().platformId(), stock.status(),
                        "the product is in the shop (linked), but its quantity was not set: " + stock.message(),
                        stock.retryAfter());
            }
            return ChannelOutcome.linked(product.sku(), existing.get().platformId());
        }
        PrestaShopClient.Answer created = call("POST", "products", json(Map.of()), createBody(product));
        if (!created.ok()) {
            ChannelOutcome failed = outcome(product.sku(), created);
            return failed.kind() == ChannelOutcome.Kind.RETRY_LATER
                    ? new ChannelOutcome(product.sku(), failed.kind(), null, failed.status(), failed.message()
                            + " (the product may have been created: the next attempt looks it up before creating it)",
                            failed.retryAfter())
                    : failed;
        }
        String platformId = PrestaShopOrderMapper.text(parse(created).path("product"), "id");
        if (product.quantity() != null && platformId != null) {
            ChannelOutcome stock = stock(product.sku(), platformId, product.quantity());
            if (!stock.succeeded()) {
                return new ChannelOutcome(product.sku(), stock.kind(), platformId, stock.status(),
                        "the product was created, but its quantity was not set: " + stock.message(), stock.retryAfter());
            }
        }
        return ChannelOutcome.done(product.sku(), platformId, created.status());
    }

    private String createBody(CatalogueProduct product) {
        int language = shop.languageId();
        String name = product.name() == null ? product.sku() : product.name();
        PrestaShopXml.Builder xml = PrestaShopXml.of("product")
                .field("id_category_default", shop.categoryId())
                .field("id_tax_rules_group", shop.taxRulesGroupId())
                .field("reference", product.sku())
                .field("price", product.price() == null ? BigDecimal.ZERO.toPlainString() : product.price().toPlainString())
                .field("weight", product.weight() == null ? null : product.weight().toPlainString())
                .field("active", product.enabled() ? 1 : 0)
                .field("state", 1)
                .field("available_for_order", 1)
                .field("show_price", 1)
                .field("visibility", "both")
                .language("name", language, name)
                .language("link_rewrite", language, slug(name))
                .language("description", language, product.description());
        writable(product.attributes()).forEach(xml::field);
        return xml.raw("<associations><categories><category><id>" + shop.categoryId()
                + "</id></category></categories></associations>").toString();
    }

    /** The mapped attributes a product can carry as plain fields: never an id, never a read-only field. */
    private static Map<String, String> writable(Map<String, String> attributes) {
        Map<String, String> fields = new LinkedHashMap<>();
        attributes.forEach((code, value) -> {
            if (code.matches("[a-z][a-z0-9_]{0,63}") && !code.equals("id") && !READ_ONLY.contains(code)
                    && !code.equals("reference") && !code.equals("associations")) {
                fields.put(code, value);
            }
        });
        return fields;
    }

    /** PrestaShop's friendly URL of a name: lower-case ASCII letters, digits and dashes. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "product" : slug.length() > 128 ? slug.substring(0, 128) : slug;
    }

    // ----------------------------------------------------------------------------------------- modify

    @Override
    public ChannelOutcome modify(ProductChange change) {
        if (change.isEmpty()) {
            return ChannelOutcome.done(change.sku(), null, 0);
        }
        return rewrite(change.sku(), product -> {
            if (change.name() != null) {
                product.setLanguage("name", shop.languageId(), change.name());
            }
            if (change.description() != null) {
                product.setLanguage("description", shop.languageId(), change.description());
            }
            if (change.price() != null) {
                product.set("price", change.price().toPlainString());
            }
            if (change.weight() != null) {
                product.set("weight", change.weight().toPlainString());
            }
            if (change.enabled() != null) {
                product.set("active", change.enabled() ? 1 : 0);
            }
            writable(change.attributes()).forEach((field, value) -> {
                if (product.has(field)) {
                    product.set(field, value);
                }
            });
        });
    }

    /** Reads the product's XML, changes it, and sends it back whole without the read-only fields. */
    private ChannelOutcome rewrite(String sku, java.util.function.Consumer<PrestaShopXml.Resource> change) {
        Optional<ListedProduct> product;
        try {
            product = lookUp(sku);
        } catch (ShopException failed) {
            return CatalogueChannel.failedBefore(sku, failed);
        }
        if (product.isEmpty()) {
            return ChannelOutcome.refused(sku, 404, where(sku) + "the shop has no product with this reference");
        }
        return rewrite(sku, product.get().platformId(), change);
    }

    private ChannelOutcome rewrite(String sku, String id, java.util.function.Consumer<PrestaShopXml.Resource> change) {
        PrestaShopClient.Answer read = call("GET", "products/" + id, Map.of(), null);
        if (!read.ok()) {
            return outcome(sku, read);
        }
        PrestaShopXml.Resource product;
        try {
            product = PrestaShopXml.Resource.parse(read.body(), "product");
        } catch (IllegalArgumentException notXml) {
            return ChannelOutcome.retryLater(sku, read.status(), where(sku) + notXml.getMessage(), null);
        }
        change.accept(product);
        product.remove(READ_ONLY);
        PrestaShopClient.Answer saved = call("PUT", "products/" + id, json(Map.of()), product.toString());
        return saved.ok() ? ChannelOutcome.done(sku, id, saved.status()) : outcome(sku, saved);
    }

    // -------------------------------------------------------------------------------- stop and relist

    @Override
    public ChannelOutcome stop(String sku) {
        if (settings.stopBy().equals("QUANTITY")) {
            return setQuantities(List.of(new QuantityChange(sku, BigDecimal.ZERO))).get(0);
        }
        return rewrite(sku, product -> product.set("active", 0));
    }

    @Override
    public ChannelOutcome relist(String sku, BigDecimal quantity) {
        ChannelOutcome enabled = rewrite(sku, product -> product.set("active", 1));
        if (!enabled.succeeded() || quantity == null) {
            return enabled;
        }
        ChannelOutcome stock = stock(sku, enabled.platformId(), quantity);
        return stock.succeeded() ? enabled : stock;
    }

    // ------------------------------------------------------------------------------------- quantities

    @Override
    public List<ChannelOutcome> setQuantities(List<QuantityChange> changes) {
        return each(changes, QuantityChange::sku, (change, product) -> stock(change.sku(), product.platformId(),
                change.quantity()));
    }

    /** The product's own stock row ({@code id_product_attribute} 0), PUT back with the new quantity. */
    private ChannelOutcome stock(String sku, String productId, BigDecimal quantity) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("display", "full");
        query.put("filter[id_product]", "[" + productId + "]");
        query.put("filter[id_product_attribute]", "[0]");
        if (shop.shopId() != null) {
            // one row per shop, or one per shop group (id_shop 0) when the group shares its stock
            query.put("filter[id_shop]", "[" + shop.shopId() + "|0]");
        }
        PrestaShopClient.Answer rows = call("GET", "stock_availables", json(query), null);
        if (!rows.ok()) {
            return outcome(sku, rows);
        }
        List<JsonNode> found = PrestaShopClient.list(parse(rows), "stock_availables");
        if (found.isEmpty()) {
            return ChannelOutcome.refused(sku, rows.status(), where(sku) + "the shop has no stock row for product "
                    + productId);
        }
        JsonNode row = found.get(0);
        if (shop.shopId() != null) {
            String own = String.valueOf(shop.shopId());
            List<JsonNode> ofShop = found.stream().filter(r -> r.path("id_shop").asText().equals(own)).toList();
            List<JsonNode> shared = found.stream().filter(r -> r.path("id_shop").asText().equals("0")).toList();
            if (ofShop.isEmpty() && shared.size() > 1) {
                return ChannelOutcome.refused(sku, rows.status(), where(sku) + "product " + productId
                        + " has no stock row of shop " + own + " and several shop groups share their stock: the hub "
                        + "cannot tell which is shop " + own + "'s");
            }
            row = ofShop.isEmpty() ? shared.get(0) : ofShop.get(0);
        }
        PrestaShopXml.Builder xml = PrestaShopXml.of("stock_available");
        for (String field : List.of("id", "id_product", "id_product_attribute", "id_shop", "id_shop_group")) {
            xml.field(field, row.path(field).asText(""));
        }
        // whole units: PrestaShop keeps quantities as integers
        xml.field("quantity", quantity.setScale(0, java.math.RoundingMode.DOWN).toPlainString())
                .field("depends_on_stock", row.path("depends_on_stock").asText("0"))
                .field("out_of_stock", row.path("out_of_stock").asText("2"))
                .field("location", row.path("location").asText(""));
        String id = row.path("id").asText();
        PrestaShopClient.Answer saved = call("PUT", "stock_availables/" + id, json(Map.of()), xml.toString());
        return saved.ok() ? ChannelOutcome.done(sku, productId, saved.status()) : outcome(sku, saved);
    }

    // ----------------------------------------------------------------------------------------- prices

    @Override
    public List<ChannelOutcome> setPrices(List<PriceChange> changes) {
        return each(changes, PriceChange::sku, (change, product) -> rewrite(change.sku(), product.platformId(),
                p -> p.set("price", change.price().toPlainString())));
    }

    // -------------------------------------------------------------------------------------- plumbing

    /**
     * The changes' products looked up in batches, then each change sent on its own (the webservice has no
     * batch write), side by side within the account's throttle; outcomes in the order of the changes.
     */
    private <T> List<ChannelOutcome> each(List<T> changes, Function<T, String> sku,
            java.util.function.BiFunction<T, ListedProduct, ChannelOutcome> send) {
        if (changes.isEmpty()) {
            return List.of();
        }
        Map<String, ListedProduct> products;
        try {
            products = lookUpAll(changes.stream().map(sku).distinct().toList());
        } catch (ShopException failed) {
            return changes.stream().map(c -> CatalogueChannel.failedBefore(sku.apply(c), failed)).toList();
        }
        ChannelOutcome[] outcomes = new ChannelOutcome[changes.size()];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Runnable sender = () -> {
            for (int i = next.getAndIncrement(); i < changes.size(); i = next.getAndIncrement()) {
                T change = changes.get(i);
                ListedProduct product = products.get(sku.apply(change));
                ChannelOutcome outcome;
                if (product == null) {
                    outcome = ChannelOutcome.refused(sku.apply(change), 404,
                            where(sku.apply(change)) + "the shop has no product with this reference");
                } else {
                    try {
                        outcome = send.apply(change, product);
                    } catch (ShopException failed) {
                        outcome = CatalogueChannel.failedBefore(sku.apply(change), failed);
                    }
                }
                synchronized (outcomes) {
                    outcomes[i] = outcome;
                }
            }
        };
        // as many senders as the throttle lets calls through at once: more would only wait for its slots
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 1; i < Math.min(changes.size(), settings.maxConcurrentCalls()); i++) {
            running.add(CompletableFuture.runAsync(sender, senders));
        }
        sender.run(); // the caller's thread is one of the senders
        running.forEach(CompletableFuture::join);
        synchronized (outcomes) {
            return List.of(outcomes);
        }
    }

    private PrestaShopClient.Answer call(String method, String resource, Map<String, String> query, String xml) {
        Map<String, String> inShop = query;
        if (shop.shopId() != null) {
            inShop = new LinkedHashMap<>(query);
            inShop.put("id_shop", String.valueOf(shop.shopId()));
        }
        Map<String, String> sent = inShop;
        PrestaShopClient.Answer answer = throttle.call(() -> client.exchange(account, method, resource, sent, xml));
        if (answer.status() == 429 || answer.status() == 503) {
            throttle.pause(answer.retryAfter());
        }
        return answer;
    }

    private static Map<String, String> json(Map<String, String> query) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("output_format", "JSON");
        return q;
    }

    private JsonNode parse(PrestaShopClient.Answer answer) {
        try {
            return answer.body() == null || answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
        } catch (IOException notJson) {
            throw new ShopException.Unavailable(where("answer") + "the shop answered with something that is not JSON",
                    answer.status(), notJson);
        }
    }

    /** One answer that is not a success, as the outcome of one SKU. */
    private ChannelOutcome outcome(String sku, PrestaShopClient.Answer answer) {
        int status = answer.status();
        String message = where(sku) + (answer.message() == null ? "no message" : answer.message());
        if (status == 0 || status == 408 || status == 429 || (status >= 500
                && !(status == 503 && answer.errorCode() == PrestaShopClient.WEBSERVICE_DISABLED))) {
            return ChannelOutcome.retryLater(sku, status, message, answer.retryAfter());
        }
        return ChannelOutcome.refused(sku, status, message);
    }



    private String where(String what) {
        return "PrestaShop " + account.id() + " (" + what + "): ";
    }

    @Override
    public String toString() {
        return "PrestaShopCatalogueChannel[" + account.id() + ", " + settings.stopBy() + "]";
    }
}
