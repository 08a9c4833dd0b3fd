package io.sincro.shop.magento;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The real-shaped Magento orders in {@code src/test/resources/magento/orders}. */
public final class MagentoOrderFixtures {

    public static final String COUPON = "coupon-two-vat-rates";
    public static final String FULL_DISCOUNT = "full-discount";
    public static final String GUEST = "guest";
    public static final String CONFIGURABLE = "configurable-child-deleted";
    public static final String BUNDLE = "bundle-ship-separately";
    public static final String USD = "foreign-currency-usd";
    public static final String TAX_INCLUSIVE = "tax-inclusive-prices";

    /** Every fixture booked in euro, so in the ERP's currency. */
    public static final List<String> IN_EURO = List.of(COUPON, FULL_DISCOUNT, GUEST, CONFIGURABLE, BUNDLE, TAX_INCLUSIVE);

    private static final ObjectMapper JSON = new ObjectMapper();

    private MagentoOrderFixtures() {
    }

    public static ObjectNode load(String name) {
        try (InputStream in = MagentoOrderFixtures.class.getResourceAsStream("/magento/orders/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
