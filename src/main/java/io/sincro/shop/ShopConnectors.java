package io.sincro.shop;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The connectors the hub has, by platform: the flows ask here for an account's port and never name a
 * platform's classes. A platform without a connector for a capability is a permanent refusal with a reason.
 */
@Component
public class ShopConnectors {

    private final Map<Platform, OrderSource> orders;
    private final Map<Platform, CustomerSource> customers;
    private final Map<Platform, StateChannel> states;
    private final Map<Platform, CatalogueConnector> catalogues;

    public ShopConnectors(List<OrderSource> orders, List<CustomerSource> customers, List<StateChannel> states,
            List<CatalogueConnector> catalogues) {
        this.orders = byPlatform(orders, OrderSource::platform);
        this.customers = byPlatform(customers, CustomerSource::platform);
        this.states = byPlatform(states, StateChannel::platform);
        this.catalogues = byPlatform(catalogues, CatalogueConnector::platform);
    }

    public OrderSource orders(Platform platform) {
        return find(orders, platform, "read orders");
    }

    public CustomerSource customers(Platform platform) {
        return find(customers, platform, "read customers");
    }

    public StateChannel states(Platform platform) {
        return find(states, platform, "receive order states");
    }

    public CatalogueChannel catalogue(ShopAccount account) {
        return find(catalogues, account.platform(), "publish a catalogue").channel(account);
    }

    public boolean canReadOrders(Platform platform) {
        return orders.containsKey(platform);
    }

    private static <T> Map<Platform, T> byPlatform(List<T> connectors, Function<T, Platform> platform) {
        Map<Platform, T> map = new EnumMap<>(Platform.class);
        for (T connector : connectors) {
            T before = map.put(platform.apply(connector), connector);
            if (before != null) {
                throw new IllegalStateException("two connectors for " + platform.apply(connector) + ": "
                        + before.getClass().getSimpleName() + " and " + connector.getClass().getSimpleName());
            }
        }
        return map;
    }

    private static <T> T find(Map<Platform, T> map, Platform platform, String what) {
        T connector = map.get(platform);
        if (connector == null) {
            throw new ShopException.Rejected("a " + platform + " account cannot " + what + " through the hub", 0);
        }
        return connector;
    }
}
