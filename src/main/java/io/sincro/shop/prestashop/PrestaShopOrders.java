package io.sincro.shop.prestashop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.model.Order;
import io.sincro.shop.OrderPoll;
import io.sincro.shop.OrderSource;
import io.sincro.shop.Platform;
import io.sincro.shop.PrestaShopSettings;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads a PrestaShop account's orders page by page (shop-apis B2, Part C):
 * {@code GET /api/orders?display=full&date=1&filter[date_upd]=[from,to]&filter[current_state]=[…]
 * &sort=[date_upd_ASC,id_ASC]&limit=offset,n}, only in the states the account imports, on the shop's clock.
 *
 * <p>Both bounds of the interval are inclusive (SQL {@code BETWEEN}), so the orders of the boundary second
 * are read again by the next page or the next run; the flow's idempotent consumer skips what it already
 * stored. As with Magento, each next page starts at the {@code date_upd} of the last order read (an order
 * edited meanwhile moves to the end instead of shifting an unread one past the page), and only a page whose
 * orders all share one second moves the offset on.
 *
 * <p>Each page's orders are kept with what their mapping needs — invoice and delivery addresses (with
 * their country's and province's ISO codes), customer (an explicit field list: never its password hash),
 * {@code order_details}, currency and carrier — fetched for the whole page at once, the codes once per run;
 * so a held order is mapped again later from its stored payload alone.
 *
 * <p>One order the shop cannot output (a 5xx for the list, or for a look-up, whenever it is in it) must not
 * stop its page: once the flow's redeliveries of the page are spent, the page is read again order by order
 * (its ids from a light {@code display=[id,date_upd]} list when the full list itself fails), and an order
 * that still fails alone goes on without its look-ups, so that its own import fails, is retried and ends in
 * the dead letters with the cause, holding the watermark before it, while the rest of the page is stored.
 * The fallback costs calls only when something failed.
 */
@Component("prestashopOrders")
public class PrestaShopOrders implements OrderSource {

    private static final Logger log = LoggerFactory.getLogger(PrestaShopOrders.class);
    /** The customer fields the hub reads: never {@code passwd} or {@code secure_key}. */
    static final String CUSTOMER_FIELDS = "[id,id_shop,id_lang,email,firstname,lastname,company,siret,ape,is_guest,"
            + "active,note,date_add,date_upd]";
    /** Far enough ahead for any shop's clock: the interval's upper bound is only there because the filter needs one. */
    private static final Duration AHEAD = Duration.ofDays(1);

    private final PrestaShopClient client;
    private final PrestaShopConfiguration configuration;
    /** What one run has looked up (by its poll, forgotten with it): codes are read once per run. */
    private final Map<OrderPoll, Run> runs = Collections.synchronizedMap(new WeakHashMap<>());
    /**
     * The flow's redeliveries of a failed page: the last attempt falls back to reading the page order by
     * order instead of failing the run (the flow's error policy redelivers this bean call).
     */
    private final int pageRedeliveries;

    /** A connector that reads a page order by order at its first 5xx (no redelivery expected). */
    public PrestaShopOrders(PrestaShopClient client, PrestaShopConfiguration configuration) {
        this(client, configuration, 0);
    }

    @Autowired
    public PrestaShopOrders(PrestaShopClient client, PrestaShopConfiguration configuration,
            @Value("${sincro.redelivery.maximum-redeliveries}") int pageRedeliveries) {
        this.client = client;
        this.configuration = configuration;
        this.pageRedeliveries = pageRedeliveries;
    }

    /** One run's view of the shop: its facts, the interval's upper bound, and the codes looked up so far. */
    static final class Run {
        final PrestaShopConfiguration.Facts facts;
        final String until;
        final Map<String, Map<String, JsonNode>> codes = new LinkedHashMap<>();
        /** Failed attempts at each page (by its place: from, page), to know the last one. */
        final Map<String, Integer> failedAttempts = new LinkedHashMap<>();

        Run(PrestaShopConfiguration.Facts facts, Instant now) {
            this.facts = facts;
            this.until = PrestaShopOrderMapper.shopTime(now.plus(AHEAD), facts.timeZone());
        }
    }

    @Override
    public Platform platform() {
        return Platform.PRESTASHOP;
    }

    @Override
    public List<RawShopOrder> nextPage(@ExchangeProperty(OrderPoll.PROPERTY) OrderPoll poll) {
        ShopAccount account = poll.account();
        OrderPoll.Cursor cursor = poll.cursor();
        Run run = runs.computeIfAbsent(poll, p -> new Run(configuration.facts(account), Instant.now()));
        int pageSize = account.settings().pageSize();
        PrestaShopSettings settings = account.settings().prestashop();
        List<String> states = settings.importStates().stream().map(s -> run.facts.stateId(account, s)).distinct().toList();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("display", "full");
        query.put("date", "1");
        query.put("filter[date_upd]", "[" + PrestaShopOrderMapper.shopTime(cursor.from, run.facts.timeZone()) + ","
                + run.until + "]");
        query.put("filter[current_state]", "[" + String.join("|", states) + "]");
        query.put("filter[id_shop]", "[" + settings.orderShop() + "]");
        query.put("sort", "[date_upd_ASC,id_ASC]");
        query.put("limit", (cursor.page - 1) * pageSize + "," + pageSize);
        List<JsonNode> rows = null;
        List<ObjectNode> page;
        try {
            rows = PrestaShopClient.list(client.get(account, "orders", query), "orders");
            page = enrich(account, run, rows);
        } catch (ShopException.Unavailable failed) {
            if (!lastAttempt(run, cursor, failed)) {
                throw failed;
            }
            log.warn("PrestaShop {}: page {} of the orders updated since {} still fails ({}): reading it order by order",
                    account.id(), cursor.page, cursor.from, failed.getMessage());
            page = orderByOrder(account, run, query, rows);
        }
        List<RawShopOrder> orders = new ArrayList<>();
        for (JsonNode row : page) {
            orders.add(new RawShopOrder(account.id(), row.path("id").asText(), PrestaShopOrderMapper.firstNonBlank(
                    PrestaShopOrderMapper.text(row, "reference"), row.path("id").asText()),
                    PrestaShopOrderMapper.time(PrestaShopOrderMapper.text(row, "date_upd"), run.facts.timeZone()), row));
        }
        log.debug("PrestaShop {}: {} orders updated since {} (page {})", account.id(), orders.size(), cursor.from,
                cursor.page);
        advance(cursor, orders, pageSize);
        return orders;
    }

    /**
     * Whether a page's failure is a 5xx on the flow's last attempt at it: earlier attempts, and failures the
     * shop did not answer with a 5xx (unreachable, 429), fail the attempt as before.
     */
    private boolean lastAttempt(Run run, OrderPoll.Cursor cursor, ShopException.Unavailable failed) {
        if (failed.status() < 500 || failed instanceof ShopException.Busy) {
            return false;
        }
        int attempts = run.failedAttempts.merge(cursor.from + "|" + cursor.page, 1, Integer::sum);
        return attempts > pageRedeliveries;
    }

    /**
     * The page read again one order at a time, in the page's order: the ids from a light list when the full
     * list failed, then each order and its look-ups alone. An order that still fails alone is kept as it was
     * listed, without look-ups: {@link #toOrder} reads it again, and its failure is that order's alone.
     */
    private List<ObjectNode> orderByOrder(ShopAccount account, Run run, Map<String, String> pageQuery,
            List<JsonNode> rows) {
        List<JsonNode> listed = rows;
        if (listed == null) {
            // only the fields every order can output: if even this fails, the page fails as before
            Map<String, String> light = new LinkedHashMap<>(pageQuery);
            light.put("display", "[id,date_upd]");
            listed = PrestaShopClient.list(client.get(account, "orders", light), "orders");
        }
        List<ObjectNode> page = new ArrayList<>();
        for (JsonNode row : listed) {
            try {
                JsonNode order = complete(row) ? row : one(account, row.path("id").asText());
                page.add(enrich(account, run, List.of(order)).get(0));
            } catch (ShopException.Unavailable | ShopException.Rejected alone) {
                log.warn("PrestaShop {}: order {} cannot be read ({}): it is imported on its own, or dead-lettered",
                        account.id(), row.path("id").asText(), alone.getMessage());
                page.add(row.deepCopy());
            }
        }
        return page;
    }

    /** Whether a row is a whole order ({@code display=full}), not an entry of the light list. */
    private static boolean complete(JsonNode row) {
        return row.has("id_customer");
    }

    /** One order in full, by id ({@code filter[id]}: one list call, the same shape as a page's rows). */
    private JsonNode one(ShopAccount account, String id) {
        return client.byId(account, "orders", id, "full").orElseThrow(() -> new ShopException.Rejected(
                PrestaShopClient.shop(account) + " has no order " + id + " any more (deleted from the shop?)", 404));
    }

    /** Moves the cursor past the page (Magento's rule: by time, by offset only within one second). */
    private static void advance(OrderPoll.Cursor cursor, List<RawShopOrder> orders, int pageSize) {
        if (orders.size() < pageSize) {
            cursor.more = false;
            return;
        }
        Instant last = orders.get(orders.size() - 1).updatedAt();
        if (last != null && last.isAfter(cursor.from)) {
            cursor.from = last;
            cursor.page = 1;
        } else {
            cursor.page++;
        }
    }

    @Override
    public Order toOrder(ShopAccount account, RawShopOrder raw) {
        RawShopOrder complete = raw;
        if (!raw.payload().has(PrestaShopOrderMapper.LOOKUPS)) {
            // an order the hub did not read page by page, or could not read with its page: read what its
            // mapping needs now (a failure here is this order's alone: retried, then dead-lettered)
            Run run = new Run(configuration.facts(account), Instant.now());
            JsonNode order = complete(raw.payload()) ? raw.payload() : one(account, raw.shopOrderId());
            JsonNode row = enrich(account, run, List.of(order)).get(0);
            complete = new RawShopOrder(raw.accountId(), raw.shopOrderId(), raw.number(), raw.updatedAt(), row);
        }
        return PrestaShopOrderMapper.toOrder(account, complete);
    }

    /** The orders with their addresses, customer, details and codes, each fetched once for the whole page. */
    private List<ObjectNode> enrich(ShopAccount account, Run run, List<JsonNode> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, JsonNode> customers = byId(account, "customers", CUSTOMER_FIELDS,
                ids(rows, "id_customer"), "id");
        Set<String> addressIds = ids(rows, "id_address_invoice");
        addressIds.addAll(ids(rows, "id_address_delivery"));
        Map<String, JsonNode> addresses = byId(account, "addresses", "full", addressIds, "id");
        Map<String, List<JsonNode>> details = new LinkedHashMap<>();
        for (JsonNode detail : fetch(account, "order_details", "full", ids(rows, "id"), "id_order")) {
            details.computeIfAbsent(detail.path("id_order").asText(), k -> new ArrayList<>()).add(detail);
        }
        Map<String, JsonNode> countries = codes(account, run, "countries", "[id,iso_code]",
                ids(addresses.values(), "id_country"));
        Map<String, JsonNode> provinces = codes(account, run, "states", "[id,iso_code,name]",
                ids(addresses.values(), "id_state"));
        Set<String> currencyIds = ids(rows, "id_currency");
        if (run.facts.defaultCurrency() != null) {
            currencyIds.add(run.facts.defaultCurrency());
        }
        Map<String, JsonNode> currencies = codes(account, run, "currencies", "[id,iso_code]", currencyIds);
        Map<String, JsonNode> carriers = codes(account, run, "carriers", "[id,id_reference,name]",
                ids(rows, "id_carrier"));

        Function<String, JsonNode> address = id -> {
            JsonNode found = addresses.get(id);
            if (found == null) {
                return null;
            }
            ObjectNode copy = found.deepCopy();
            copy.put("country_iso", PrestaShopOrderMapper.text(countries.get(found.path("id_country").asText()), "iso_code"));
            copy.put("state_iso", PrestaShopOrderMapper.text(provinces.get(found.path("id_state").asText()), "iso_code"));
            return copy;
        };
        List<ObjectNode> enriched = new ArrayList<>();
        for (JsonNode row : rows) {
            ObjectNode order = row.deepCopy();
            JsonNode invoice = address.apply(row.path("id_address_invoice").asText());
            if (invoice != null) {
                order.set(PrestaShopFields.INVOICE_ADDRESS, invoice);
            }
            JsonNode delivery = address.apply(row.path("id_address_delivery").asText());
            if (delivery != null) {
                order.set(PrestaShopFields.DELIVERY_ADDRESS, delivery);
            }
            JsonNode customer = customers.get(row.path("id_customer").asText());
            if (customer != null) {
                order.set(PrestaShopFields.CUSTOMER, customer);
            }
            ArrayNode lines = order.putArray("order_details");
            details.getOrDefault(row.path("id").asText(), List.of()).forEach(lines::add);
            ObjectNode lookups = order.putObject(PrestaShopOrderMapper.LOOKUPS);
            lookups.put("time_zone", run.facts.timeZone().getId());
            lookups.put("currency", PrestaShopOrderMapper.text(currencies.get(row.path("id_currency").asText()), "iso_code"));
            lookups.put("default_currency", run.facts.defaultCurrency() == null ? null
                    : PrestaShopOrderMapper.text(currencies.get(run.facts.defaultCurrency()), "iso_code"));
            JsonNode carrier = carriers.get(row.path("id_carrier").asText());
            if (carrier != null) {
                lookups.set("carrier", carrier);
            }
            enriched.add(order);
        }
        return enriched;
    }

    /** Codes (countries, provinces, currencies, carriers) by id, each fetched once per run. */
    private Map<String, JsonNode> codes(ShopAccount account, Run run, String resource, String display, Set<String> ids) {
        Map<String, JsonNode> known = run.codes.computeIfAbsent(resource, r -> new LinkedHashMap<>());
        Set<String> missing = new LinkedHashSet<>(ids);
        missing.removeAll(known.keySet());
        if (!missing.isEmpty()) {
            known.putAll(byId(account, resource, display, missing, "id"));
        }
        return known;
    }

    private Map<String, JsonNode> byId(ShopAccount account, String resource, String display, Set<String> ids,
            String key) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        fetch(account, resource, display, ids, key).forEach(row -> found.put(row.path(key).asText(), row));
        return found;
    }

    /** The rows of a resource whose {@code field} is one of {@code ids}, in one call. */
    private List<JsonNode> fetch(ShopAccount account, String resource, String display, Set<String> ids, String field) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("display", display);
        query.put("filter[" + field + "]", "[" + String.join("|", ids) + "]");
        return PrestaShopClient.list(client.get(account, resource, query), resource);
    }

    private static Set<String> ids(Collection<JsonNode> rows, String field) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode row : rows) {
            String id = row.path(field).asText("");
            if (id.matches("[1-9][0-9]{0,10}")) {
                ids.add(id);
            }
        }
        return ids;
    }
}
