package io.sincro.shop.magento;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.model.OrderCustomer;
import io.sincro.model.ShopCustomer;
import io.sincro.shop.CustomerSource;
import io.sincro.shop.FieldMapping;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * A Magento account's registered customers for the customer sync (F3): one by id
 * ({@code GET /V1/customers/{id}}), or those changed after a time ({@code GET /V1/customers/search} on
 * {@code updated_at}, page by page), as the canonical customer. The account's field mapping says where
 * the fiscal data is: {@code customer:<attribute>} reads the record; the order paths the customer record
 * also has are read there (the default billing address for {@code order:billing_address.*},
 * {@code taxvat} for {@code order:customer_taxvat}); others stay unknown and keep the stored value.
 */
@Component
public class MagentoCustomers implements CustomerSource {

    private static final int PAGE_SIZE = 100;

    private final MagentoClient client;

    public MagentoCustomers(MagentoClient client) {
        this.client = client;
    }

    @Override
    public Platform platform() {
        return Platform.MAGENTO;
    }

    @Override
    public ShopCustomer get(ShopAccount account, String shopCustomerId) {
        return map(account, client.get(account, "customers/" + shopCustomerId, Map.of()));
    }

    /** Every customer updated at or after {@code after} (to the second, as Magento stamps), oldest change first. */
    @Override
    public void changedAfter(ShopAccount account, Instant after, Consumer<ShopCustomer> each) {
        String since = MagentoOrders.formatTime(after);
        for (int page = 1; ; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("searchCriteria[filter_groups][0][filters][0][field]", "updated_at");
            query.put("searchCriteria[filter_groups][0][filters][0][value]", since);
            query.put("searchCriteria[filter_groups][0][filters][0][condition_type]", "gteq");
            query.put("searchCriteria[sortOrders][0][field]", "updated_at");
            query.put("searchCriteria[sortOrders][0][direction]", "ASC");
            query.put("searchCriteria[pageSize]", String.valueOf(PAGE_SIZE));
            query.put("searchCriteria[currentPage]", String.valueOf(page));
            JsonNode found = client.get(account, "customers/search", query);
            JsonNode items = found.path("items");
            items.forEach(record -> each.accept(map(account, record)));
            if (items.size() < PAGE_SIZE || (long) page * PAGE_SIZE >= found.path("total_count").asLong()) {
                return;
            }
        }
    }

    ShopCustomer map(ShopAccount account, JsonNode record) {
        JsonNode billing = null;
        for (JsonNode address : record.path("addresses")) {
            if (address.path("default_billing").asBoolean(false) || billing == null) {
                billing = address;
            }
        }
        FieldMapping fields = account.settings().fields();
        JsonNode address = billing == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : billing;
        String vat = read(fields.vatNumber(), record, address);
        String pec = read(fields.pec(), record, address);
        String sdi = read(fields.sdiCode(), record, address);
        if (fields.pec().equals(fields.sdiCode()) && pec != null) {
            boolean email = pec.contains("@");
            pec = email ? pec : null;
            sdi = email ? null : sdi;
        }
        OrderCustomer customer = new OrderCustomer(record.path("id").asText(), text(record, "email"),
                text(record, "firstname"), text(record, "lastname"), text(address, "company"), vat,
                read(fields.fiscalCode(), record, address), pec, sdi, text(address, "telephone"));
        String updated = text(record, "updated_at");
        return new ShopCustomer(customer, updated == null ? null : MagentoOrders.parseTime(updated));
    }

    private static String read(String source, JsonNode record, JsonNode billing) {
        if (source == null) {
            return null;
        }
        if (source.startsWith("customer:")) {
            return MagentoOrderMapper.read(source, record, () -> record);
        }
        if (source.startsWith("order:billing_address.")) {
            return text(billing, source.substring("order:billing_address.".length()));
        }
        if (source.equals("order:customer_taxvat")) {
            return text(record, "taxvat");
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.asText().isBlank() ? value.asText().trim() : null;
    }
}
