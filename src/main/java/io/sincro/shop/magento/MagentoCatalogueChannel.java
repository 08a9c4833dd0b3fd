package io.sincro.shop.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.model.CatalogueProduct;
import io.sincro.model.ChannelOutcome;
import io.sincro.model.ListedProduct;
import io.sincro.model.PriceChange;
import io.sincro.model.ProductChange;
import io.sincro.model.QuantityChange;
import io.sincro.shop.CatalogueChannel;
import io.sincro.shop.CatalogueSettings;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopException;
import io.sincro.shop.ShopThrottle;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One Magento account's catalogue (shop-apis A1, A11): products by {@code /rest/all/V1/products}
 * (store code {@code all}, so an update never becomes a store-view override), quantities by MSI source
 * items in batches or by the legacy stock item, prices by base prices in batches. Every call waits its
 * turn in the account's {@link ShopThrottle}.
 *
 * <p>Magento's answers become outcomes per SKU: 2xx done; 429, 5xx and no answer "retry later" (with the
 * shop's {@code Retry-After}, which also holds the account's other calls back); any other 4xx refused
 * with Magento's message. Every write here is safe to send again: quantities and prices are absolute,
 * and a create is always preceded by a look-up (Magento's create of an existing SKU would overwrite it).
 */
final class MagentoCatalogueChannel implements CatalogueChannel {

    private static final String GLOBAL = "all";
    private static final int ENABLED = 1;
    private static final int DISABLED = 2;

    private final ShopAccount account;
    private final CatalogueSettings settings;
    private final MagentoClient client;
    private final ObjectMapper json;
    private final ShopThrottle throttle;
    private final ExecutorService batches;
    private volatile Boolean msi;
    private final BiConsumer<ShopAccount, Boolean> rememberMsi;

    MagentoCatalogueChannel(ShopAccount account, MagentoClient client, ObjectMapper json, ShopThrottle throttle,
            ExecutorService batches, Boolean knownMsi, BiConsumer<ShopAccount, Boolean> rememberMsi) {
        this.account = account;
        this.settings = account.settings().catalogue();
        this.client = client;
        this.json = json;
        this.throttle = throttle;
        this.batches = batches;
        this.msi = switch (settings.inventory()) {
            case "MSI" -> Boolean.TRUE;
            case "LEGACY" -> Boolean.FALSE;
            default -> knownMsi;
        };
        this.rememberMsi = rememberMsi;
    }

    // ------------------------------------------------------------------------------------------ look-up

    @Override
    public Optional<ListedProduct> lookUp(String sku) {
        MagentoClient.Answer answer = call("GET", null, "products/" + encode(sku), null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (!answer.ok() || answer.body() == null) {
            throw answer.status() == 0 || answer.status() == 429 || answer.status() >= 500
                    ? new ShopException.Busy(where("look-up of " + sku) + answer.message(), answer.status(), answer.retryAfter())
                    : new ShopException.Rejected(where("look-up of " + sku) + answer.message(), answer.status());
        }
        JsonNode product = answer.body();
        return Optional.of(new ListedProduct(product.path("sku").asText(sku), product.path("id").asText(null),
                product.path("status").asInt(ENABLED) == ENABLED));
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
            ChannelOutcome stock = product.quantity() == null ? null : quantityOf(product.sku(), product.quantity());
            if (stock != null && !stock.succeeded()) {
                return new ChannelOutcome(product.sku(), stock.kind(), existing.get().platformId(), stock.status(),
                        "the product is in the shop (linked), but its quantity was not set: " + stock.message(),
                        stock.retryAfter());
            }
            return ChannelOutcome.linked(product.sku(), existing.get().platformId());
        }
        boolean sourceItems;
        try {
            sourceItems = product.quantity() != null && hasMsi();
        } catch (ShopException failed) {
            return CatalogueChannel.failedBefore(product.sku(), failed);
        }
        MagentoClient.Answer created = call("POST", GLOBAL, "products", createBody(product, sourceItems));
        if (!created.ok()) {
            ChannelOutcome failed = outcome(product.sku(), created);
            return failed.kind() == ChannelOutcome.Kind.RETRY_LATER
                    ? new ChannelOutcome(product.sku(), failed.kind(), null, failed.status(), failed.message()
                            + " (the product may have been created: the next attempt looks it up before creating it)",
                            failed.retryAfter())
                    : failed;
        }
        String platformId = created.body() == null ? null : created.body().path("id").asText(null);
        if (sourceItems) {
            ChannelOutcome stock = quantityOf(product.sku(), product.quantity());
            if (!stock.succeeded()) {
                return new ChannelOutcome(product.sku(), stock.kind(), platformId, stock.status(),
                        "the product was created, but its quantity was not set: " + stock.message(), stock.retryAfter());
            }
        }
        return ChannelOutcome.done(product.sku(), platformId, created.status());
    }

    private ObjectNode createBody(CatalogueProduct product, boolean sourceItems) {
        ObjectNode body = json.createObjectNode();
        ObjectNode p = body.putObject("product");
        p.put("sku", product.sku());
        if (product.name() != null) {
            p.put("name", product.name());
        }
        p.put("attribute_set_id", product.attributeSetId() != null ? product.attributeSetId() : settings.attributeSetId());
        if (product.price() != null) {
            p.put("price", product.price());
        }
        p.put("status", product.enabled() ? ENABLED : DISABLED);
        p.put("visibility", settings.visibility());
        p.put("type_id", "simple");
        if (product.weight() != null) {
            p.put("weight", product.weight());
        }
        ObjectNode extension = p.putObject("extension_attributes");
        ArrayNode websites = extension.putArray("website_ids");
        (product.websiteIds().isEmpty() ? settings.websiteIds() : product.websiteIds()).forEach(websites::add);
        if (!sourceItems && product.quantity() != null) {
            // shops without MSI take the stock with the product; MSI shops get a source item after it
            extension.putObject("stock_item").put("qty", product.quantity())
                    .put("is_in_stock", product.quantity().signum() > 0);
        }
        customAttributes(p, product.description(), product.attributes());
        return body;
    }

    private static void customAttributes(ObjectNode product, String description, Map<String, String> attributes) {
        Map<String, String> all = new LinkedHashMap<>();
        if (description != null) {
            all.put("description", description);
        }
        all.putAll(attributes);
        if (all.isEmpty()) {
            return;
        }
        ArrayNode custom = product.putArray("custom_attributes");
        all.forEach((code, value) -> custom.addObject().put("attribute_code", code).put("value", value));
    }

    // ----------------------------------------------------------------------------------------- modify

    @Override
    public ChannelOutcome modify(ProductChange change) {
        if (change.isEmpty()) {
            return ChannelOutcome.done(change.sku(), null, 0);
        }
        ObjectNode body = json.createObjectNode();
        ObjectNode p = body.putObject("product");
        p.put("sku", change.sku());
        if (change.name() != null) {
            p.put("name", change.name());
        }
        if (change.price() != null) {
            p.put("price", change.price());
        }
        if (change.weight() != null) {
            p.put("weight", change.weight());
        }
        if (change.enabled() != null) {
            p.put("status", change.enabled() ? ENABLED : DISABLED);
        }
        customAttributes(p, change.description(), change.attributes());
        return put(change.sku(), body);
    }

    private ChannelOutcome put(String sku, ObjectNode body) {
        MagentoClient.Answer answer = call("PUT", GLOBAL, "products/" + encode(sku), body);
        if (answer.ok()) {
            return ChannelOutcome.done(sku, answer.body() == null ? null : answer.body().path("id").asText(null),
                    answer.status());
        }
        return outcome(sku, answer);
    }

    private ObjectNode status(String sku, int status) {
        ObjectNode body = json.createObjectNode();
        body.putObject("product").put("sku", sku).put("status", status);
        return body;
    }

    // -------------------------------------------------------------------------------- stop and relist

    @Override
    public ChannelOutcome stop(String sku) {
        if (settings.stopBy().equals("QUANTITY")) {
            return quantityOf(sku, BigDecimal.ZERO);
        }
        return put(sku, status(sku, DISABLED));
    }

    @Override
    public ChannelOutcome relist(String sku, BigDecimal quantity) {
        ChannelOutcome enabled = put(sku, status(sku, ENABLED));
        if (!enabled.succeeded() || quantity == null) {
            return enabled;
        }
        ChannelOutcome stock = quantityOf(sku, quantity);
        return stock.succeeded() ? enabled : stock;
    }

    // ------------------------------------------------------------------------------------- quantities

    private ChannelOutcome quantityOf(String sku, BigDecimal quantity) {
        return setQuantities(List.of(new QuantityChange(sku, quantity))).get(0);
    }

    @Override
    public List<ChannelOutcome> setQuantities(List<QuantityChange> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        boolean sourceItems;
        try {
            sourceItems = hasMsi();
        } catch (ShopException failed) {
            return changes.stream().map(c -> CatalogueChannel.failedBefore(c.sku(), failed)).toList();
        }
        if (sourceItems) {
            return inBatches(changes, QuantityChange::sku, this::sourceItems);
        }
        // legacy stock items: one call per SKU (the stock item API takes one), side by side within the throttle
        return inBatches(changes, QuantityChange::sku, batch -> batch.stream().map(this::stockItem).toList(), 1);
    }

    /** MSI: {@code POST /V1/inventory/source-items} with the whole batch. */
    private List<ChannelOutcome> sourceItems(List<QuantityChange> batch) {
        ObjectNode body = json.createObjectNode();
        ArrayNode items = body.putArray("sourceItems");
        for (QuantityChange change : batch) {
            items.addObject().put("sku", change.sku()).put("source_code", settings.sourceCode())
                    .put("quantity", change.quantity()).put("status", change.quantity().signum() > 0 ? 1 : 0);
        }
        MagentoClient.Answer answer = call("POST", null, "inventory/source-items", body);
        if (answer.ok()) {
            return batch.stream().map(c -> ChannelOutcome.done(c.sku(), null, answer.status())).toList();
        }
        if (answer.status() == 400 && answer.body() != null && answer.body().path("errors").isArray()
                && !answer.body().path("errors").isEmpty()) {
            // MSI validates the whole batch and saves none of it when one item is wrong: the SKUs its errors
            // name are refused with their reason, the others are sent again without them
            Map<String, String> reasons = reasonsBySku(answer.body().path("errors"),
                    batch.stream().map(QuantityChange::sku).toList());
            if (!reasons.isEmpty()) {
                List<QuantityChange> rest = batch.stream().filter(c -> !reasons.containsKey(c.sku())).toList();
                Map<String, ChannelOutcome> resent = new LinkedHashMap<>();
                if (!rest.isEmpty()) {
                    List<ChannelOutcome> again = sourceItems(rest);
                    for (int i = 0; i < rest.size(); i++) {
                        resent.put(rest.get(i).sku(), again.get(i));
                    }
                }
                return batch.stream().map(c -> reasons.containsKey(c.sku())
                        ? ChannelOutcome.refused(c.sku(), 400, answer.message() + ": " + reasons.get(c.sku()))
                        : resent.get(c.sku())).toList();
            }
        }
        ChannelOutcome failed = outcome(batch.get(0).sku(), answer);
        return batch.stream().map(c -> failed.forSku(c.sku())).toList();
    }

    /** Legacy CatalogInventory: the stock item's id, then {@code PUT /V1/products/{sku}/stockItems/{itemId}}. */
    private ChannelOutcome stockItem(QuantityChange change) {
        MagentoClient.Answer item = call("GET", null, "stockItems/" + encode(change.sku()), null);
        if (!item.ok() || item.body() == null || !item.body().path("item_id").canConvertToLong()) {
            return item.ok() ? ChannelOutcome.refused(change.sku(), item.status(), "the shop has no stock item for it")
                    : outcome(change.sku(), item);
        }
        ObjectNode body = json.createObjectNode();
        body.putObject("stockItem").put("qty", change.quantity()).put("is_in_stock", change.quantity().signum() > 0);
        MagentoClient.Answer saved = call("PUT", null, "products/" + encode(change.sku()) + "/stockItems/"
                + item.body().path("item_id").asLong(), body);
        return saved.ok() ? ChannelOutcome.done(change.sku(), null, saved.status()) : outcome(change.sku(), saved);
    }

    // ----------------------------------------------------------------------------------------- prices

    @Override
    public List<ChannelOutcome> setPrices(List<PriceChange> changes) {
        return inBatches(changes, PriceChange::sku, this::basePrices);
    }

    /** {@code POST /V1/products/base-prices}: 200 with the failed items (the rest is saved). */
    private List<ChannelOutcome> basePrices(List<PriceChange> batch) {
        ObjectNode body = json.createObjectNode();
        ArrayNode prices = body.putArray("prices");
        for (PriceChange change : batch) {
            prices.addObject().put("price", change.price()).put("store_id", settings.priceStoreId())
                    .put("sku", change.sku());
        }
        MagentoClient.Answer answer = call("POST", null, "products/base-prices", body);
        if (!answer.ok()) {
            ChannelOutcome failed = outcome(batch.get(0).sku(), answer);
            return batch.stream().map(c -> failed.forSku(c.sku())).toList();
        }
        Map<String, String> reasons = answer.body() != null && answer.body().isArray()
                ? reasonsBySku(answer.body(), batch.stream().map(PriceChange::sku).toList()) : Map.of();
        return batch.stream().map(c -> reasons.containsKey(c.sku())
                ? ChannelOutcome.refused(c.sku(), answer.status(), reasons.get(c.sku()))
                : ChannelOutcome.done(c.sku(), null, answer.status())).toList();
    }

    // -------------------------------------------------------------------------------------- plumbing

    /**
     * Magento's per-item errors, by the SKU of the batch that their parameters name (an error names its
     * SKU among its parameter values; the exact value, so that "A-1" is not taken for "A-10").
     */
    private Map<String, String> reasonsBySku(JsonNode errors, List<String> skus) {
        Map<String, String> bySku = new LinkedHashMap<>();
        for (JsonNode error : errors) {
            List<String> values = new ArrayList<>();
            error.path("parameters").elements().forEachRemaining(v -> values.add(v.asText()));
            for (String sku : skus) {
                if (values.contains(sku)) {
                    bySku.merge(sku, client.render(error), (a, b) -> a + "; " + b);
                }
            }
        }
        return bySku;
    }

    private <T> List<ChannelOutcome> inBatches(List<T> changes, Function<T, String> sku,
            Function<List<T>, List<ChannelOutcome>> send) {
        return inBatches(changes, sku, send, settings.batchSize());
    }

    /**
     * Cuts the changes into batches sent side by side, as many at once as the account's throttle lets
     * through (more senders would only wait for its slots); outcomes in the order of the changes.
     */
    private <T> List<ChannelOutcome> inBatches(List<T> changes, Function<T, String> sku,
            Function<List<T>, List<ChannelOutcome>> send, int size) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<List<T>> cut = new ArrayList<>();
        for (int from = 0; from < changes.size(); from += size) {
            cut.add(List.copyOf(changes.subList(from, Math.min(changes.size(), from + size))));
        }
        List<List<ChannelOutcome>> answers = new ArrayList<>(java.util.Collections.nCopies(cut.size(), null));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Runnable sender = () -> {
            for (int i = next.getAndIncrement(); i < cut.size(); i = next.getAndIncrement()) {
                List<T> batch = cut.get(i);
                List<ChannelOutcome> answer;
                try {
                    answer = send.apply(batch);
                } catch (ShopException failed) {
                    answer = batch.stream().map(c -> CatalogueChannel.failedBefore(sku.apply(c), failed)).toList();
                }
                synchronized (answers) {
                    answers.set(i, answer);
                }
            }
        };
        int senders = Math.min(cut.size(), settings.maxConcurrentCalls());
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 1; i < senders; i++) {
            running.add(CompletableFuture.runAsync(sender, batches));
        }
        sender.run(); // the caller's thread is one of the senders
        running.forEach(CompletableFuture::join);
        List<ChannelOutcome> outcomes = new ArrayList<>(changes.size());
        synchronized (answers) {
            answers.forEach(outcomes::addAll);
        }
        return outcomes;
    }

    /** Whether quantities go to MSI source items; asked once when the account says DETECT. */
    private boolean hasMsi() {
        Boolean known = msi;
        if (known != null) {
            return known;
        }
        MagentoClient.Answer sources = call("GET", null,
                "inventory/sources?" + URLEncoder.encode("searchCriteria[pageSize]", StandardCharsets.UTF_8) + "=1", null);
        if (sources.status() == 404) {
            known = false; // "Request does not match any route.": the Inventory modules are not installed
        } else if (sources.ok()) {
            known = true;
        } else {
            throw sources.status() == 0 || sources.status() == 429 || sources.status() >= 500
                    ? new ShopException.Unavailable(where("inventory check") + sources.message(), sources.status(), null)
                    : new ShopException.Rejected(where("inventory check") + sources.message(), sources.status());
        }
        msi = known;
        rememberMsi.accept(account, known);
        return known;
    }

    private MagentoClient.Answer call(String method, String store, String resource, JsonNode body) {
        MagentoClient.Answer answer = throttle.call(() -> client.exchange(account, method, store, resource, body));
        if (answer.status() == 429 || answer.status() == 503) {
            throttle.pause(answer.retryAfter());
        }
        return answer;
    }

    /** One answer that is not a success, as the outcome of one SKU. */
    private ChannelOutcome outcome(String sku, MagentoClient.Answer answer) {
        int status = answer.status();
        String message = where(sku) + (answer.message() == null ? "no message" : answer.message());
        if (status == 0 || status == 408 || status == 429 || status >= 500) {
            return ChannelOutcome.retryLater(sku, status, message, answer.retryAfter());
        }
        return ChannelOutcome.refused(sku, status, message);
    }



    private String where(String what) {
        return "Magento " + account.id() + " (" + what + "): ";
    }

    /** One path segment: {@code /}, space and {@code +} are percent-encoded (SKUs with them exist). */
    static String encode(String sku) {
        return URLEncoder.encode(sku, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "MagentoCatalogueChannel[" + account.id() + ", " + Arrays.asList(settings.inventory(), settings.stopBy())
                + "]";
    }
}
