package io.sincro.shop.magento;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.model.Address;
import io.sincro.model.ExpenseRow;
import io.sincro.model.Order;
import io.sincro.model.OrderLine;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.FieldMapping;
import io.sincro.shop.Platform;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The mapping of a Magento order (the shape of Adobe's own sample) into the canonical order. */
class MagentoOrderMapperTest {

    private static final String ORDER = """
            {"entity_id": 1042, "increment_id": "000001042", "state": "processing", "status": "processing",
             "created_at": "2024-05-14 09:12:03", "updated_at": "2024-05-14 09:20:41",
             "customer_id": 87, "customer_is_guest": 0, "customer_email": "anna.rossi@example.it",
             "customer_firstname": "Anna", "customer_lastname": "Rossi", "customer_taxvat": "RSSNNA80A41F205X",
             "order_currency_code": "EUR", "shipping_amount": 4.1, "shipping_tax_amount": 0.9,
             "shipping_description": "Flat Rate - Fixed", "discount_amount": -5, "discount_description": "WELCOME5",
             "grand_total": 78.8,
             "items": [
               {"item_id": 2101, "sku": "MUG-001", "name": "Coffee Mug", "product_type": "simple",
                "qty_ordered": 2, "price": 10, "tax_percent": 22},
               {"item_id": 2102, "sku": "HOODIE-S-GRAY", "name": "Hoodie", "product_type": "configurable",
                "qty_ordered": 1, "price": 42.02, "tax_percent": 22},
               {"item_id": 2103, "parent_item_id": 2102, "sku": "HOODIE-S-GRAY", "name": "Hoodie-S-Gray",
                "product_type": "simple", "qty_ordered": 1, "price": 0, "tax_percent": 0}
             ],
             "billing_address": {"firstname": "Anna", "lastname": "Rossi", "company": "Rossi Srl",
               "vat_id": "IT01114601006", "street": ["Via Roma 5", "Scala B"], "city": "Milano", "postcode": "20121",
               "region": "Milano", "region_code": "MI", "country_id": "IT", "telephone": "+39 02 1234567"},
             "payment": {"method": "banktransfer"},
             "extension_attributes": {
               "sdi_pec": "rossisrl@pec.it",
               "shipping_assignments": [{"shipping": {
                 "address": {"firstname": "Anna", "lastname": "Rossi", "street": ["Via Verdi 12"], "city": "Monza",
                   "postcode": "20900", "region_code": "MB", "country_id": "IT", "telephone": "+39 039 765432"},
                 "method": "dhl_express"}}]}}
            """;

    private final MagentoOrderMapper mapper = new MagentoOrderMapper(null);

    @Test
    void configurableProductBecomesOneRowWithTheParentsPriceAndTheChildsSku() throws Exception {
        Order order = map(FieldMapping.defaults());

        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity, OrderLine::unitPrice)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("MUG-001", new BigDecimal("2"), new BigDecimal("10")),
                        org.assertj.core.groups.Tuple.tuple("HOODIE-S-GRAY", new BigDecimal("1"), new BigDecimal("42.02")));
        assertThat(order.lines().get(1).options()).isEqualTo("Hoodie-S-Gray");
        assertThat(order.lines().get(1).vatRate()).isEqualByComparingTo("22");
    }

    @Test
    void shippingAndDiscountBecomeExpenseRowsNetOfVat() throws Exception {
        Order order = map(FieldMapping.defaults());

        assertThat(order.expenses()).containsExactly(
                new ExpenseRow(ExpenseRow.Kind.SHIPPING, "dhl_express", "Flat Rate - Fixed", new BigDecimal("4.1"),
                        new BigDecimal("22")),
                new ExpenseRow(ExpenseRow.Kind.DISCOUNT, "DISCOUNT", "WELCOME5", new BigDecimal("5"),
                        new BigDecimal("22")));
    }

    @Test
    void billingAndShippingAddressesComeFromTheOrderAndItsShippingAssignment() throws Exception {
        Order order = map(FieldMapping.defaults());

        assertThat(order.billing()).isEqualTo(new Address("Anna", "Rossi", "Rossi Srl", "Via Roma 5, Scala B", "Milano",
                "20121", "MI", "IT", "+39 02 1234567"));
        assertThat(order.shipping().city()).isEqualTo("Monza");
        assertThat(order.shipping().province()).isEqualTo("MB");
        assertThat(order.carrier()).isEqualTo("dhl_express");
        assertThat(order.paymentMethod()).isEqualTo("banktransfer");
    }

    @Test
    void registeredBuyerWithVatNumberAndCompanyIsACompanyWithTheMappedFiscalFields() throws Exception {
        Order order = map(FieldMapping.defaults());

        assertThat(order.customer().shopCustomerId()).isEqualTo("87");
        assertThat(order.customer().guest()).isFalse();
        assertThat(order.customer().vatNumber()).isEqualTo("IT01114601006");
        assertThat(order.customer().fiscalCode()).isEqualTo("RSSNNA80A41F205X");
        assertThat(order.customer().kind()).isEqualTo(io.sincro.model.CustomerKind.COMPANY);
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2024-05-14T09:20:41Z"));
    }

    @Test
    void aCombinedPecOrSdiFieldGoesToPecWhenItIsAnEmail() throws Exception {
        FieldMapping combined = new FieldMapping(null, null, "order:extension_attributes.sdi_pec",
                "order:extension_attributes.sdi_pec");

        Order order = map(combined);

        assertThat(order.customer().pec()).isEqualTo("rossisrl@pec.it");
        assertThat(order.customer().sdiCode()).isNull();
    }

    @Test
    void aGuestHasNoShopCustomerId() throws Exception {
        JsonNode guest = new ObjectMapper().readTree(ORDER.replace("\"customer_is_guest\": 0", "\"customer_is_guest\": 1"));

        Order order = mapper.toOrder(account(FieldMapping.defaults()),
                new RawShopOrder("shop", "1042", "000001042", Instant.parse("2024-05-14T09:20:41Z"), guest));

        assertThat(order.customer().guest()).isTrue();
    }

    private Order map(FieldMapping fields) throws Exception {
        JsonNode payload = new ObjectMapper().readTree(ORDER);
        return mapper.toOrder(account(fields),
                new RawShopOrder("shop", "1042", "000001042", Instant.parse("2024-05-14T09:20:41Z"), payload));
    }

    private static ShopAccount account(FieldMapping fields) {
        AccountSettings settings = new AccountSettings(null, false, fields, null, null, null, null, null, null, null, null);
        return new ShopAccount("shop", "Shop", Platform.MAGENTO, "https://shop.example.it", "default",
                new ShopCredentials(ShopCredentials.AuthMode.BEARER, null, null, "token", null), settings, null);
    }
}
