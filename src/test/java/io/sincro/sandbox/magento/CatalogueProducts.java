package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The simulated shop's catalogue as the catalogue channel writes it: products by SKU, their legacy stock
 * items, MSI source items and base prices, with Magento 2.4's rules where the hub can trip on them.
 *
 * <ul>
 * <li>SKUs are found whatever their case and surrounding spaces (ProductRepository::get goes through a
 * case-insensitive column; its cache key is {@code mb_strtolower(trim(sku))}); the product keeps the
 * spelling it was created with.</li>
 * <li>{@code POST /V1/products} with a SKU the shop has <b>updates</b> that product (ProductRepository::save
 * looks the SKU up first): it is no "duplicate SKU" error, it silently overwrites — which is why the hub
 * looks a SKU up before creating it. The simulator counts such overwrites ({@link #overwrites()}). A
 * new product whose URL key (from its name, or {@code url_key}) another product has is refused with
 * "URL key for specified store already exists.", Magento's duplicate error.</li>
 * <li>An unknown {@code attribute_set_id} is "Invalid product data: %1" / "Invalid attribute set entity type"
 * (the example of AdobeDocs' error page); an unknown website id the NoSuchEntityException of the website
 * repository; a new product without name the "value of attribute "name" must be set" validation.</li>
 * <li>Source items: the whole batch is validated first and nothing is saved when one item is wrong
 * ("Validation Failed" with one error per item, as MSI's SourceItemsSave); base prices: the wrong items
 * come back as failed items and the others are saved.</li>
 * </ul>
 */
final class CatalogueProducts {

    static final int DEFAULT_ATTRIBUTE_SET = 4;
    private final Set<Integer> attributeSets = Set.of(DEFAULT_ATTRIBUTE_SET, 9, 10);
    private final Set<Integer> websites = Set.of(0, 1);
    private final Set<String> sources = Set.of("default");
    /** By lower-cased, trimmed SKU. */
    private final Map<String, ObjectNode> products = new LinkedHashMap<>();
    private final Map<String, BigDecimal> sourceQuantities = new TreeMap<>();
    private final Set<String> urlKeys = new java.util.HashSet<>();
    private long nextId = 1;
    private int overwrites;

    private static String key(String sku) {
        return sku == null ? "" : sku.trim().toLowerCase(Locale.ROOT);
    }

    synchronized ObjectNode get(String sku) {
        ObjectNode product = products.get(key(sku));
        if (product == null) {
            throw productNotFound();
        }
        return product.deepCopy();
    }

    synchronized ObjectNode find(String sku) {
        ObjectNode product = products.get(key(sku));
        return product == null ? null : product.deepCopy();
    }

    synchronized List<ObjectNode> all() {
        return products.values().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized int overwrites() {
        return overwrites;
    }

    synchronized BigDecimal sourceQuantity(String sku, String sourceCode) {
        return sourceQuantities.get(key(sku) + "|" + sourceCode);
    }

    /** POST /V1/products: creates, or (as Magento) updates the product the SKU already names. */
    synchronized ObjectNode save(ObjectNode body) {
        JsonNode input = body.get("product");
        if (input == null || !input.isObject()) {
            throw MagentoErrors.requiredField("product");
        }
        String sku = input.path("sku").asText("");
        if (sku.isBlank()) {
            throw MagentoErrors.requiredField("sku");
        }
        ObjectNode existing = products.get(key(sku));
        if (existing != null) {
            overwrites++;
            return update(existing, (ObjectNode) input);
        }
        if (input.path("name").asText("").isBlank()) {
            throw invalidProductData("The value of attribute \"name\" must be set");
        }
        int attributeSet = input.path("attribute_set_id").asInt(DEFAULT_ATTRIBUTE_SET);
        if (!attributeSets.contains(attributeSet)) {
            throw invalidProductData("Invalid attribute set entity type");
        }
        checkWebsites(input);
        String urlKey = urlKey(input);
        if (urlKeys.contains(urlKey)) {
            throw MagentoErrors.badRequest("URL key for specified store already exists.");
        }
        ObjectNode product = Json.object();
        product.put("id", nextId++);
        product.put("sku", sku.trim());
        product.put("name", input.path("name").asText());
        product.put("attribute_set_id", attributeSet);
        product.set("price", Json.decimal(input.path("price").decimalValue()));
        product.put("status", input.path("status").asInt(1));
        product.put("visibility", input.path("visibility").asInt(4));
        product.put("type_id", input.path("type_id").asText("simple"));
        String now = MagentoTime.format(Instant.now());
        product.put("created_at", now);
        product.put("updated_at", now);
        if (input.has("weight")) {
            product.set("weight", Json.decimal(input.path("weight").decimalValue()));
        }
        ObjectNode extension = product.putObject("extension_attributes");
        ArrayNode websiteIds = extension.putArray("website_ids");
        input.path("extension_attributes").path("website_ids").forEach(id -> websiteIds.add(id.asInt()));
        JsonNode stock = input.path("extension_attributes").path("stock_item");
        BigDecimal qty = stock.has("qty") ? stock.path("qty").decimalValue() : BigDecimal.ZERO;
        extension.putObject("stock_item").put("item_id", product.path("id").asLong())
                .put("product_id", product.path("id").asLong()).put("stock_id", 1)
                .set("qty", Json.decimal(qty));
        ((ObjectNode) extension.get("stock_item")).put("is_in_stock", stock.path("is_in_stock").asBoolean(qty.signum() > 0));
        ArrayNode custom = product.putArray("custom_attributes");
        input.path("custom_attributes").forEach(a -> custom.add(a.deepCopy()));
        if (customAttribute(product, "url_key") == null) {
            custom.addObject().put("attribute_code", "url_key").put("value", urlKey);
        }
        products.put(key(sku), product);
        urlKeys.add(customAttribute(product, "url_key"));
        sourceQuantities.put(key(sku) + "|default", qty);
        return product.deepCopy();
    }

    /** PUT /V1/products/{sku}: only the fields sent change (custom attributes merge by code). */
    synchronized ObjectNode put(String sku, ObjectNode body) {
        JsonNode input = body.get("product");
        if (input == null || !input.isObject()) {
            throw MagentoErrors.requiredField("product");
        }
        ObjectNode existing = products.get(key(sku));
        if (existing == null) {
            throw productNotFound();
        }
        return update(existing, (ObjectNode) input);
    }

    private ObjectNode update(ObjectNode product, ObjectNode input) {
        if (input.has("attribute_set_id") && !attributeSets.contains(input.path("attribute_set_id").asInt())) {
            throw invalidProductData("Invalid attribute set entity type");
        }
        checkWebsites(input);
        for (String field : List.of("name", "status", "visibility", "type_id", "attribute_set_id")) {
            if (input.has(field)) {
                product.set(field, input.get(field).deepCopy());
            }
        }
        for (String field : List.of("price", "weight")) {
            if (input.has(field)) {
                product.set(field, Json.decimal(input.path(field).decimalValue()));
            }
        }
        JsonNode websiteIds = input.path("extension_attributes").path("website_ids");
        if (websiteIds.isArray()) {
            ((ObjectNode) product.get("extension_attributes")).set("website_ids", websiteIds.deepCopy());
        }
        ArrayNode custom = (ArrayNode) product.get("custom_attributes");
        for (JsonNode attribute : input.path("custom_attributes")) {
            String code = attribute.path("attribute_code").asText();
            for (int i = custom.size() - 1; i >= 0; i--) {
                if (custom.get(i).path("attribute_code").asText().equals(code)) {
                    custom.remove(i);
                }
            }
            custom.add(attribute.deepCopy());
        }
        product.put("updated_at", MagentoTime.format(Instant.now()));
        return product.deepCopy();
    }

    /** DELETE /V1/products/{sku}: what Magento does, which the hub must never ask for. */
    synchronized boolean delete(String sku) {
        ObjectNode removed = products.remove(key(sku));
        if (removed == null) {
            throw productNotFound();
        }
        urlKeys.remove(customAttribute(removed, "url_key"));
        return true;
    }

    /** GET /V1/stockItems/{sku}. */
    synchronized ObjectNode stockItem(String sku) {
        ObjectNode product = products.get(key(sku));
        if (product == null) {
            throw productNotFound();
        }
        return ((ObjectNode) product.path("extension_attributes").path("stock_item")).deepCopy();
    }

    /** PUT /V1/products/{sku}/stockItems/{itemId}: the item id. */
    synchronized long saveStockItem(String sku, long itemId, ObjectNode body) {
        ObjectNode product = products.get(key(sku));
        if (product == null) {
            throw productNotFound();
        }
        ObjectNode item = (ObjectNode) product.path("extension_attributes").path("stock_item");
        if (item.path("item_id").asLong() != itemId) {
            throw MagentoErrors.badRequest("The stock item was not found. Verify the stock item and try again.");
        }
        JsonNode input = body.path("stockItem");
        if (input.has("qty")) {
            BigDecimal qty = input.path("qty").decimalValue();
            item.set("qty", Json.decimal(qty));
            sourceQuantities.put(key(sku) + "|default", qty);
        }
        if (input.has("is_in_stock")) {
            item.put("is_in_stock", input.path("is_in_stock").asBoolean());
        }
        return itemId;
    }

    /** POST /V1/inventory/source-items: all or nothing. */
    synchronized void saveSourceItems(ObjectNode body) {
        JsonNode items = body.path("sourceItems");
        if (!items.isArray()) {
            throw MagentoErrors.requiredField("sourceItems");
        }
        List<ObjectNode> errors = new ArrayList<>();
        for (JsonNode item : items) {
            String sku = item.path("sku").asText("");
            if (!products.containsKey(key(sku))) {
                ObjectNode error = Json.object().put("message", "Product with requested \"%field\": \"%value\" was not found.");
                error.putObject("parameters").put("field", "sku").put("value", sku);
                errors.add(error);
            }
            String source = item.path("source_code").asText("");
            if (!sources.contains(source)) {
                ObjectNode error = Json.object().put("message", "Source with code \"%value\" does not exist.");
                error.putObject("parameters").put("field", "source_code").put("value", source);
                errors.add(error);
            }
            if (!item.path("quantity").isNumber()) {
                ObjectNode error = Json.object().put("message", "\"%field\" should be numeric.");
                error.putObject("parameters").put("field", "quantity");
                errors.add(error);
            }
        }
        if (!errors.isEmpty()) {
            ObjectNode body400 = Json.object().put("message", "Validation Failed");
            ArrayNode list = body400.putArray("errors");
            errors.forEach(list::add);
            throw new MagentoException(400, body400);
        }
        for (JsonNode item : items) {
            String sku = item.path("sku").asText();
            BigDecimal quantity = item.path("quantity").decimalValue();
            sourceQuantities.put(key(sku) + "|" + item.path("source_code").asText(), quantity);
            ObjectNode stock = (ObjectNode) products.get(key(sku)).path("extension_attributes").path("stock_item");
            if (item.path("source_code").asText().equals("default")) {
                stock.set("qty", Json.decimal(quantity));
                stock.put("is_in_stock", item.path("status").asInt(1) == 1);
            }
        }
    }

    /** GET /V1/inventory/sources. */
    synchronized ObjectNode sources() {
        ObjectNode result = Json.object();
        ArrayNode items = result.putArray("items");
        sources.forEach(code -> items.addObject().put("source_code", code).put("name", "Default Source")
                .put("enabled", true).put("country_id", "IT"));
        result.put("total_count", sources.size());
        return result;
    }

    /** POST /V1/products/base-prices: the failed items; the valid prices are saved. */
    synchronized ArrayNode saveBasePrices(ObjectNode body) {
        ArrayNode failed = Json.array();
        for (JsonNode price : body.path("prices")) {
            String sku = price.path("sku").asText("");
            boolean ok = true;
            if (sku.isBlank() || !products.containsKey(key(sku))) {
                failed.addObject().put("message", "Invalid attribute %fieldName = %fieldValue.")
                        .putArray("parameters").add("SKU").add(sku);
                ok = false;
            }
            if (!price.path("price").isNumber() || price.path("price").decimalValue().signum() < 0) {
                failed.addObject().put("message", "Invalid attribute %fieldName = %fieldValue.")
                        .putArray("parameters").add("Price").add(price.path("price").asText());
                ok = false;
            }
            if (price.path("store_id").asInt(-1) != 0 && price.path("store_id").asInt(-1) != 1) {
                failed.addObject().put("message", "Requested store is not found. Row ID: SKU = %SKU, Store ID: %storeId.")
                        .putArray("parameters").add(sku).add(price.path("store_id").asText());
                ok = false;
            }
            if (ok) {
                products.get(key(sku)).set("price", Json.decimal(price.path("price").decimalValue()));
            }
        }
        return failed;
    }

    private void checkWebsites(JsonNode input) {
        for (JsonNode id : input.path("extension_attributes").path("website_ids")) {
            if (!websites.contains(id.asInt())) {
                ObjectNode body = Json.object()
                        .put("message", "The website with id %1 that was requested wasn't found. Verify the website and try again.");
                body.putArray("parameters").add(id.asText());
                throw new MagentoException(404, body);
            }
        }
    }

    private static String urlKey(JsonNode input) {
        for (JsonNode attribute : input.path("custom_attributes")) {
            if (attribute.path("attribute_code").asText().equals("url_key")) {
                return attribute.path("value").asText();
            }
        }
        return input.path("name").asText().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
    }

    private static String customAttribute(JsonNode product, String code) {
        for (JsonNode attribute : product.path("custom_attributes")) {
            if (attribute.path("attribute_code").asText().equals(code)) {
                return attribute.path("value").asText();
            }
        }
        return null;
    }

    private static MagentoException invalidProductData(String reason) {
        ObjectNode body = Json.object().put("message", "Invalid product data: %1");
        body.putArray("parameters").add(reason);
        return new MagentoException(400, body);
    }

    private static MagentoException productNotFound() {
        return new MagentoException(404, Json.object()
                .put("message", "The product that was requested doesn't exist. Verify the product and try again."));
    }
}
