package io.sincro.shop.prestashop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.model.OrderCustomer;
import io.sincro.model.ShopCustomer;
import io.sincro.shop.CustomerSource;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * A PrestaShop account's customers for the customer sync (F3): one by id, or those changed since a time
 * ({@code date=1&filter[date_upd]=[from,…]}, oldest change first, page by page), always with an explicit
 * field list so the hub never fetches a password hash or secure key (shop-apis B3). The VAT number and the
 * codice fiscale live on the customer's addresses ({@code vat_number}, {@code dni}): the address read is the
 * latest one that has either, else the latest one.
 */
@Component("prestashopCustomers")
public class PrestaShopCustomers implements CustomerSource {

    private static final int PAGE_SIZE = 100;

    private final PrestaShopClient client;
    private final PrestaShopConfiguration configuration;

    public PrestaShopCustomers(PrestaShopClient client, PrestaShopConfiguration configuration) {
        this.client = client;
        this.configuration = configuration;
    }

    @Override
    public Platform platform() {
        return Platform.PRESTASHOP;
    }

    @Override
    public ShopCustomer get(ShopAccount account, String shopCustomerId) {
        if (!shopCustomerId.matches("[1-9][0-9]{0,10}")) {
            throw new ShopException.Rejected(PrestaShopClient.shop(account) + " has no customer " + shopCustomerId, 0);
        }
        JsonNode found = client.byId(account, "customers", shopCustomerId, PrestaShopOrders.CUSTOMER_FIELDS)
                .orElseThrow(() -> new ShopException.Rejected(PrestaShopClient.shop(account) + " has no customer "
                        + shopCustomerId, 404));
        return map(account, found, addresses(account, List.of(shopCustomerId)),
                configuration.facts(account).timeZone());
    }

    @Override
    public void changedAfter(ShopAccount account, Instant after, Consumer<ShopCustomer> each) {
        PrestaShopConfiguration.Facts facts = configuration.facts(account);
        String from = PrestaShopOrderMapper.shopTime(after, facts.timeZone());
        String until = PrestaShopOrderMapper.shopTime(Instant.now().plus(java.time.Duration.ofDays(1)), facts.timeZone());
        for (int page = 0; ; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("display", PrestaShopOrders.CUSTOMER_FIELDS);
            query.put("date", "1");
            query.put("filter[date_upd]", "[" + from + "," + until + "]");
            query.put("sort", "[date_upd_ASC,id_ASC]");
            query.put("limit", page * PAGE_SIZE + "," + PAGE_SIZE);
            List<JsonNode> customers = PrestaShopClient.list(client.get(account, "customers", query), "customers");
            Map<String, List<JsonNode>> addresses = addresses(account,
                    customers.stream().map(c -> c.path("id").asText()).toList());
            customers.forEach(customer -> each.accept(map(account, customer, addresses, facts.timeZone())));
            if (customers.size() < PAGE_SIZE) {
                return;
            }
        }
    }

    /** The customers' addresses still in use, by customer, in one call. */
    private Map<String, List<JsonNode>> addresses(ShopAccount account, List<String> customerIds) {
        Map<String, List<JsonNode>> byCustomer = new LinkedHashMap<>();
        if (customerIds.isEmpty()) {
            return byCustomer;
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("display", "full");
        query.put("filter[id_customer]", "[" + String.join("|", customerIds) + "]");
        query.put("filter[deleted]", "[0]");
        for (JsonNode address : PrestaShopClient.list(client.get(account, "addresses", query), "addresses")) {
            byCustomer.computeIfAbsent(address.path("id_customer").asText(), k -> new ArrayList<>()).add(address);
        }
        return byCustomer;
    }

    private static ShopCustomer map(ShopAccount account, JsonNode record, Map<String, List<JsonNode>> addresses,
            java.time.ZoneId zone) {
        List<JsonNode> own = new ArrayList<>(addresses.getOrDefault(record.path("id").asText(), List.of()));
        own.sort(Comparator.comparing((JsonNode a) -> a.path("date_upd").asText("")).reversed());
        JsonNode address = own.stream().filter(a -> PrestaShopOrderMapper.text(a, "vat_number") != null
                || PrestaShopOrderMapper.text(a, "dni") != null).findFirst()
                .orElse(own.isEmpty() ? null : own.get(0));
        ObjectNode view = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        view.set(PrestaShopFields.CUSTOMER, record);
        if (address != null) {
            view.set(PrestaShopFields.INVOICE_ADDRESS, address);
        }
        PrestaShopFields.Fiscal fiscal = PrestaShopFields.Fiscal.read(account.settings().fields(), view);
        OrderCustomer customer = new OrderCustomer(record.path("id").asText(), PrestaShopOrderMapper.text(record, "email"),
                PrestaShopOrderMapper.text(record, "firstname"), PrestaShopOrderMapper.text(record, "lastname"),
                PrestaShopOrderMapper.firstNonBlank(PrestaShopOrderMapper.text(address, "company"),
                        PrestaShopOrderMapper.text(record, "company")),
                fiscal.vatNumber(), fiscal.fiscalCode(), fiscal.pec(), fiscal.sdiCode(),
                PrestaShopOrderMapper.firstNonBlank(PrestaShopOrderMapper.text(address, "phone"),
                        PrestaShopOrderMapper.text(address, "phone_mobile")));
        return new ShopCustomer(customer, PrestaShopOrderMapper.time(PrestaShopOrderMapper.text(record, "date_upd"), zone));
    }
}
