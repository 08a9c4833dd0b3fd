package io.sincro.sandbox.prestashop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object of a webservice resource as the simulated shop keeps it: its fields as the strings PrestaShop
 * renders (uncast, as the webservice copies them from the object model) and its associations
 * ({@code order_rows}, …) as lists of string maps. Mutable; the shop hands out copies.
 */
public final class WsRow {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, List<Map<String, String>>> associations = new LinkedHashMap<>();

    public long id() {
        return Long.parseLong(values.get("id"));
    }

    public String get(String field) {
        return values.getOrDefault(field, "");
    }

    public long getLong(String field) {
        String value = get(field);
        return value.isEmpty() ? 0 : Long.parseLong(value);
    }

    public WsRow set(String field, Object value) {
        values.put(field, value == null ? "" : value.toString());
        return this;
    }

    public Map<String, String> values() {
        return values;
    }

    public List<Map<String, String>> association(String name) {
        return associations.getOrDefault(name, List.of());
    }

    public WsRow association(String name, List<Map<String, String>> items) {
        List<Map<String, String>> copy = new ArrayList<>();
        items.forEach(item -> copy.add(new LinkedHashMap<>(item)));
        associations.put(name, copy);
        return this;
    }

    public Map<String, List<Map<String, String>>> associations() {
        return associations;
    }

    public WsRow copy() {
        WsRow copy = new WsRow();
        copy.values.putAll(values);
        associations.forEach(copy::association);
        return copy;
    }

    @Override
    public String toString() {
        return values + (associations.isEmpty() ? "" : " " + associations);
    }
}
