package io.sincro.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * What a MODIFY transaction sends: only the listed fields that changed since the last publication.
 * A null member did not change and is not sent (a shop would otherwise overwrite what the merchant
 * edited there); {@code attributes} holds only the mapped attributes that changed.
 */
public record ProductChange(String sku, String name, String description, BigDecimal price, BigDecimal weight,
        Boolean enabled, Map<String, String> attributes) {

    public ProductChange {
        Objects.requireNonNull(sku, "sku");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** Nothing changed: a MODIFY with nothing to send is answered done without a call. */
    public boolean isEmpty() {
        return name == null && description == null && price == null && weight == null && enabled == null
                && attributes.isEmpty();
    }
}
