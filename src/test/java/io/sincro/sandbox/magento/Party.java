package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Who places an order: a private person, a sole trader, an Italian company or a foreign EU company,
 * with the fiscal data an Italian e-invoice needs. Registered customers are stored as customer
 * records and read back with {@link #fromCustomer}, so that their orders always agree with the record.
 */
record Party(Kind kind, String firstname, String lastname, String email, String telephone, String company,
        String vatId, String taxvat, String codiceSdi, String pec, Address billing, Address shipping) {

    enum Kind { PRIVATE, SOLE_TRADER, COMPANY, FOREIGN_COMPANY }

    /** A postal address; {@code region} is the province (Italy) or state as Magento names it. */
    record Address(List<String> street, String city, String postcode, String region, String regionCode, int regionId,
            String countryId, String telephone) {
    }

    Party withEmail(String newEmail) {
        return new Party(kind, firstname, lastname, newEmail, telephone, company, vatId, taxvat, codiceSdi, pec, billing,
                shipping);
    }

    /** The party of a stored customer record: names, e-mail, taxvat, default addresses, SDI/PEC attributes. */
    static Party fromCustomer(ObjectNode customer) {
        JsonNode billing = defaultAddress(customer, "default_billing");
        JsonNode shipping = defaultAddress(customer, "default_shipping");
        String company = text(billing, "company");
        String vatId = text(billing, "vat_id");
        Kind kind = company == null ? (vatId == null ? Kind.PRIVATE : Kind.SOLE_TRADER)
                : ("IT".equals(text(billing, "country_id")) ? Kind.COMPANY : Kind.FOREIGN_COMPANY);
        return new Party(kind, text(customer, "firstname"), text(customer, "lastname"), text(customer, "email"),
                text(billing, "telephone"), company, vatId, text(customer, "taxvat"),
                customAttribute(customer, "codice_sdi"), customAttribute(customer, "pec"),
                address(billing), address(shipping));
    }

    private static JsonNode defaultAddress(ObjectNode customer, String which) {
        String id = customer.path(which).asText("");
        for (JsonNode address : customer.path("addresses")) {
            if (address.path("id").asText().equals(id)) {
                return address;
            }
        }
        return customer.path("addresses").path(0);
    }

    private static Address address(JsonNode node) {
        List<String> street = new ArrayList<>();
        node.path("street").forEach(line -> street.add(line.asText()));
        JsonNode region = node.path("region");
        return new Address(street, text(node, "city"), text(node, "postcode"), text(region, "region"),
                text(region, "region_code"), region.path("region_id").asInt(), text(node, "country_id"),
                text(node, "telephone"));
    }

    private static String customAttribute(ObjectNode customer, String code) {
        for (JsonNode attribute : customer.path("custom_attributes")) {
            if (attribute.path("attribute_code").asText().equals(code)) {
                return attribute.path("value").asText(null);
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
