package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Renders a registered customer as Magento's {@code customer-data-customer-interface}: string ids
 * in default_billing/default_shipping, boolean flags on the addresses, the Italian fiscal and
 * e-invoicing data (codice_fiscale, codice_sdi, pec) as custom attributes, as Italian localisation
 * modules store them.
 */
final class CustomerRecords {

    private CustomerRecords() {
    }

    /** Address ids: billing 100 + 2 × id; a different shipping address 101 + 2 × id. */
    static ObjectNode record(long id, Party party, int groupId, Instant createdAt, Instant updatedAt) {
        long billingId = 100 + 2 * id;
        boolean separateShipping = !party.shipping().equals(party.billing());
        long shippingId = separateShipping ? billingId + 1 : billingId;
        ObjectNode customer = Json.object()
                .put("id", id)
                .put("group_id", groupId)
                .put("default_billing", Long.toString(billingId))
                .put("default_shipping", Long.toString(shippingId))
                .put("created_at", MagentoTime.format(createdAt))
                .put("updated_at", MagentoTime.format(updatedAt))
                .put("created_in", "Italiano")
                .put("email", party.email())
                .put("firstname", party.firstname())
                .put("lastname", party.lastname())
                .put("store_id", 1)
                .put("website_id", 1)
                .put("taxvat", party.taxvat())
                .put("disable_auto_group_change", 0);
        ArrayNode addresses = customer.putArray("addresses");
        addresses.add(address(billingId, id, party, party.billing(), true, !separateShipping));
        if (separateShipping) {
            addresses.add(address(shippingId, id, party, party.shipping(), false, true));
        }
        customer.putObject("extension_attributes").put("is_subscribed", false);
        customAttributes(customer, party);
        return Json.withoutNulls(customer);
    }

    private static ObjectNode address(long addressId, long customerId, Party party, Party.Address address,
            boolean defaultBilling, boolean defaultShipping) {
        ObjectNode node = Json.object()
                .put("id", addressId)
                .put("customer_id", customerId);
        node.putObject("region")
                .put("region_code", address.regionCode())
                .put("region", address.region())
                .put("region_id", address.regionId());
        node.put("region_id", address.regionId())
                .put("country_id", address.countryId());
        ArrayNode street = node.putArray("street");
        address.street().forEach(street::add);
        node.put("company", party.company())
                .put("telephone", address.telephone())
                .put("postcode", address.postcode())
                .put("city", address.city())
                .put("firstname", party.firstname())
                .put("lastname", party.lastname())
                .put("vat_id", defaultBilling ? party.vatId() : null)
                .put("default_billing", defaultBilling)
                .put("default_shipping", defaultShipping);
        return node;
    }

    /** codice_fiscale (as Italian localisation modules add it, equal to taxvat), codice_sdi, pec. */
    private static void customAttributes(ObjectNode customer, Party party) {
        if (party.taxvat() == null && party.codiceSdi() == null && party.pec() == null) {
            return;
        }
        ArrayNode attributes = customer.putArray("custom_attributes");
        if (party.taxvat() != null) {
            attributes.addObject().put("attribute_code", "codice_fiscale").put("value", party.taxvat());
        }
        if (party.codiceSdi() != null) {
            attributes.addObject().put("attribute_code", "codice_sdi").put("value", party.codiceSdi());
        }
        if (party.pec() != null) {
            attributes.addObject().put("attribute_code", "pec").put("value", party.pec());
        }
    }
}
