package io.sincro.sandbox.prestashop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A webservice key as the merchant creates it in Advanced Parameters > Webservice: 32 characters, per
 * resource the methods it may use, and the shops it is associated with (multistore). A resource absent from
 * the map is refused with 401 code 26, a method absent from a resource's set with 405 code 25, a shop the key
 * is not associated with with 403 code 132.
 */
public record WebserviceKey(String key, Map<String, Set<String>> permissions, Set<Long> shops) {

    public static final Set<String> ALL_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    public WebserviceKey {
        Objects.requireNonNull(key, "key");
        permissions = Map.copyOf(permissions);
        shops = shops == null ? Set.of(1L) : Set.copyOf(shops);
    }

    /** The same key, associated with these shops only. */
    public WebserviceKey onShops(Long... shopIds) {
        return new WebserviceKey(key, permissions, Set.of(shopIds));
    }

    /** Every resource the contract knows, with every method (what a sandbox merchant ticks). */
    public static WebserviceKey full(String key, Iterable<String> resources) {
        Map<String, Set<String>> permissions = new LinkedHashMap<>();
        resources.forEach(r -> permissions.put(r, ALL_METHODS));
        return new WebserviceKey(key, permissions, null);
    }

    /** A key with the given permissions only, e.g. {@code Map.of("orders", Set.of("GET"))}. */
    public static WebserviceKey of(String key, Map<String, Set<String>> permissions) {
        return new WebserviceKey(key, permissions, null);
    }

    @Override
    public String toString() {
        return "WebserviceKey[" + key.substring(0, Math.min(4, key.length())) + "…, " + permissions.keySet() + "]";
    }
}
