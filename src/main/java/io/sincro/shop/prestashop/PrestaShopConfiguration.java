package io.sincro.shop.prestashop;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.shop.PrestaShopSettings;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the hub must know of a shop before it reads or writes its orders, read from the shop's
 * {@code configurations} (shop-apis B3, "resolve the IDs at start-up"): the ids of the order states the
 * account names by configuration key ({@code PS_OS_SHIPPING} is 4 on a fresh install, something else on
 * an upgraded one: never hard-coded), the shop's time zone ({@code date_upd} carries no offset) and its
 * default currency. Read once per account and kept {@code sincro.prestashop.configuration-ttl} (10 min),
 * so a state the merchant re-numbers is followed without a restart.
 */
@Component
public class PrestaShopConfiguration {

    static final String TIME_ZONE = "PS_TIMEZONE";
    static final String DEFAULT_CURRENCY = "PS_CURRENCY_DEFAULT";

    private final PrestaShopClient client;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Facts facts, long readAtNanos) {
    }

    public PrestaShopConfiguration(PrestaShopClient client,
            @Value("${sincro.prestashop.configuration-ttl:10m}") Duration ttl) {
        this.client = client;
        this.ttl = ttl;
    }

    /**
     * The shop's facts for this account.
     *
     * @param timeZone        the shop's clock ({@code PS_TIMEZONE}; Europe/Rome when it has none)
     * @param defaultCurrency id of the shop's default currency, or null
     * @param stateIds        configuration key → order state id, for every key the account names
     */
    record Facts(ZoneId timeZone, String defaultCurrency, Map<String, String> stateIds) {

        /** The id of a state named by key or id. */
        String stateId(ShopAccount account, String keyOrId) {
            if (keyOrId.chars().allMatch(Character::isDigit)) {
                return keyOrId;
            }
            String id = stateIds.get(keyOrId);
            if (id == null) {
                throw new ShopException.Rejected(PrestaShopClient.shop(account) + " has no configuration " + keyOrId
                        + ": name the order state by its id in the account's prestashop settings, or by a key the "
                        + "shop has", 0);
            }
            return id;
        }
    }

    Facts facts(ShopAccount account) {
        PrestaShopSettings settings = account.settings().prestashop();
        TreeSet<String> keys = new TreeSet<>();
        keys.add(TIME_ZONE);
        keys.add(DEFAULT_CURRENCY);
        settings.importStates().stream().filter(s -> s.startsWith("PS_")).forEach(keys::add);
        settings.stateMapping().values().stream().filter(s -> s.startsWith("PS_")).forEach(keys::add);
        String cacheKey = account.id() + "|" + account.baseUrl() + "|" + settings.orderShop() + "|" + keys;
        Cached cached = cache.get(cacheKey);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAtNanos() < ttl.toNanos()) {
            return cached.facts();
        }
        Facts facts = read(account, keys);
        cache.put(cacheKey, new Cached(facts, now));
        return facts;
    }

    private Facts read(ShopAccount account, TreeSet<String> keys) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("display", "[name,value,id_shop]");
        query.put("filter[name]", "[" + String.join("|", keys) + "]");
        JsonNode answer = client.get(account, "configurations", query);
        String shopId = String.valueOf(account.settings().prestashop().orderShop());
        Map<String, String> global = new LinkedHashMap<>();
        Map<String, String> ofShop = new LinkedHashMap<>();
        for (JsonNode row : PrestaShopClient.list(answer, "configurations")) {
            String name = row.path("name").asText("");
            String value = row.path("value").asText("");
            String rowShop = row.path("id_shop").asText("");
            if (value.isBlank()) {
                continue;
            }
            // multistore: a shop's own value wins over the global one
            if (rowShop.equals(shopId)) {
                ofShop.put(name, value);
            } else if (rowShop.isBlank() || rowShop.equals("0")) {
                global.putIfAbsent(name, value);
            }
        }
        global.putAll(ofShop);
        ZoneId zone = ZoneId.of("Europe/Rome");
        String zoneName = global.remove(TIME_ZONE);
        if (zoneName != null) {
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException unknown) {
                // a zone PHP knows and Java does not: the shop's country default is the best guess
            }
        }
        String currency = global.remove(DEFAULT_CURRENCY);
        return new Facts(zone, currency, Map.copyOf(global));
    }
}
