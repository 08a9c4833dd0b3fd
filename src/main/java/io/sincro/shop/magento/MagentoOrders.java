package io.sincro.shop.magento;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.model.Order;
import io.sincro.shop.OrderPoll;
import io.sincro.shop.OrderSource;
import io.sincro.shop.Platform;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads a Magento account's orders page by page: {@code GET /V1/orders} filtered on
 * {@code updated_at >= from} (UTC) and the statuses the account imports, sorted by
 * {@code updated_at} then {@code entity_id} ascending.
 *
 * <p>Pages are keyed on time rather than numbered from a fixed start: each next page starts at the
 * {@code updated_at} of the last order read, so an order edited in the shop while the run is going
 * (which moves it to the end of the list) cannot shift an unread order past a page boundary. Orders
 * sharing that last second are read again and skipped by the idempotent consumer; only when a whole
 * page shares one second does the page number advance.
 *
 * <p>Each order read is mapped by {@link MagentoOrderMapper} into the canonical order.
 */
@Component
public class MagentoOrders implements OrderSource {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MagentoOrders.class);
    static final DateTimeFormatter MAGENTO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final MagentoClient client;
    private final MagentoOrderMapper mapper;

    public MagentoOrders(MagentoClient client) {
        this.client = client;
        this.mapper = new MagentoOrderMapper(client);
    }

    @Override
    public Platform platform() {
        return Platform.MAGENTO;
    }

    @Override
    public Order toOrder(ShopAccount account, RawShopOrder raw) {
        return mapper.toOrder(account, raw);
    }

    /** The next page of the poll, moving it on. */
    @Override
    public List<RawShopOrder> nextPage(OrderPoll poll) {
        ShopAccount account = poll.account();
        OrderPoll.Cursor cursor = poll.cursor();
        int pageSize = account.settings().pageSize();
        JsonNode result = client.get(account, "orders", query(account, cursor.from, cursor.page, pageSize));
        JsonNode items = result.path("items");
        List<RawShopOrder> orders = new ArrayList<>();
        for (JsonNode item : items) {
            orders.add(new RawShopOrder(account.id(), item.path("entity_id").asText(),
                    item.path("increment_id").asText(), parseTime(item.path("updated_at").asText(null)), item));
        }
        int totalCount = result.path("total_count").asInt(Integer.MAX_VALUE);
        if (cursor.total == null && result.has("total_count")) {
            cursor.total = totalCount;
        }
        log.debug("Magento {}: {} orders updated since {} (page {}), {} in all", account.id(), orders.size(),
                cursor.from, cursor.page, totalCount);
        boolean repeated = advance(cursor, orders, pageSize, totalCount);
        return repeated ? List.of() : orders;
    }

    /** Moves the cursor past the page; true when the shop repeated the previous page (Magento before 2.4). */
    private static boolean advance(OrderPoll.Cursor cursor, List<RawShopOrder> orders, int pageSize, int totalCount) {
        String signature = orders.isEmpty() ? "" : orders.get(0).shopOrderId() + ".." + orders.get(orders.size() - 1).shopOrderId();
        boolean repeated = !orders.isEmpty() && signature.equals(cursor.lastPageSignature);
        cursor.lastPageSignature = signature;
        if (orders.size() < pageSize || repeated || cursor.page * pageSize >= totalCount) {
            cursor.more = false;
            return repeated;
        }
        Instant last = orders.get(orders.size() - 1).updatedAt();
        if (last != null && last.isAfter(cursor.from)) {
            cursor.from = last;
            cursor.page = 1;
        } else {
            cursor.page++;
        }
        return false;
    }

    private static Map<String, String> query(ShopAccount account, Instant from, int page, int pageSize) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("searchCriteria[filter_groups][0][filters][0][field]", "updated_at");
        q.put("searchCriteria[filter_groups][0][filters][0][value]", formatTime(from));
        q.put("searchCriteria[filter_groups][0][filters][0][condition_type]", "gteq");
        q.put("searchCriteria[filter_groups][1][filters][0][field]", "status");
        q.put("searchCriteria[filter_groups][1][filters][0][value]", String.join(",", account.settings().importStatuses()));
        q.put("searchCriteria[filter_groups][1][filters][0][condition_type]", "in");
        q.put("searchCriteria[sortOrders][0][field]", "updated_at");
        q.put("searchCriteria[sortOrders][0][direction]", "ASC");
        q.put("searchCriteria[sortOrders][1][field]", "entity_id");
        q.put("searchCriteria[sortOrders][1][direction]", "ASC");
        q.put("searchCriteria[pageSize]", Integer.toString(pageSize));
        q.put("searchCriteria[currentPage]", Integer.toString(page));
        return q;
    }

    static String formatTime(Instant instant) {
        return MAGENTO_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** Magento's {@code yyyy-MM-dd HH:mm:ss}, always UTC whatever the store's time zone. */
    static Instant parseTime(String text) {
        return text == null || text.isBlank() ? null : LocalDateTime.parse(text, MAGENTO_TIME).toInstant(ZoneOffset.UTC);
    }
}
