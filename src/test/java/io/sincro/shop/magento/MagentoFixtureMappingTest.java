package io.sincro.shop.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.erp.ErpDocumentTotal;
import io.sincro.model.ExpenseRow;
import io.sincro.model.Order;
import io.sincro.model.OrderLine;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.ErpDocumentSettings;
import io.sincro.shop.Platform;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/** The real-shaped Magento orders mapped into canonical orders whose ERP document totals what the shop charged. */
class MagentoFixtureMappingTest {

    static final java.util.List<String> IN_EURO = MagentoOrderFixtures.IN_EURO;

    private final MagentoOrderMapper mapper = new MagentoOrderMapper(null);

    @ParameterizedTest
    @FieldSource("IN_EURO")
    void theErpDocumentOfEachFixtureTotalsTheShopsGrandTotal(String fixture) {
        Order order = map(fixture, ErpDocumentSettings.defaults());

        assertThat(ErpDocumentTotal.of(order).total()).isEqualByComparingTo(order.grandTotal());
    }

    @Test
    void aCouponOverTwoVatRatesBecomesOneDiscountRowPerRateEachLoweringTheTotal() {
        Order order = map(MagentoOrderFixtures.COUPON, ErpDocumentSettings.defaults());

        assertThat(order.expenses()).filteredOn(e -> e.kind() == ExpenseRow.Kind.DISCOUNT)
                .extracting(e -> plain(e.vatRate()), e -> plain(e.amount()))
                .containsExactly(tuple("22", "2"), tuple("4", "1.8"));
        ErpDocumentTotal total = ErpDocumentTotal.of(order);
        assertThat(total.taxableByRate()).containsEntry(new BigDecimal("22.00"), new BigDecimal("23.00"))
                .containsEntry(new BigDecimal("4.00"), new BigDecimal("16.20"));
        assertThat(total.total()).isEqualByComparingTo("44.91");
    }

    @Test
    void aFullDiscountOrderTotalsZero() {
        Order order = map(MagentoOrderFixtures.FULL_DISCOUNT, ErpDocumentSettings.defaults());

        assertThat(order.grandTotal()).isEqualByComparingTo("0");
        assertThat(ErpDocumentTotal.of(order).total()).isEqualByComparingTo("0");
    }

    @Test
    void aDiscountOnTaxInclusivePricesIsBookedNetOfTheTaxItHid() {
        Order order = map(MagentoOrderFixtures.TAX_INCLUSIVE, ErpDocumentSettings.defaults());

        // 6.99 taken off prices including tax, of which 1.26 was VAT (discount_tax_compensation_amount)
        assertThat(order.expenses()).filteredOn(e -> e.kind() == ExpenseRow.Kind.DISCOUNT)
                .extracting(e -> plain(e.amount())).containsExactly("5.73");
        // 7 x 8.19 would be 57.33: the net row total Magento derived from 69.93 is 57.32, over 7 to the four
        // decimals the hub keeps and sends (7 x 8.1886 = 57.3202, the row's 57.32)
        assertThat(order.lines().get(0).unitPrice()).isEqualByComparingTo("8.1886");
        assertThat(ErpDocumentTotal.of(order).total()).isEqualByComparingTo("67.84");
    }

    @Test
    void aBundlePricedByItsComponentsBecomesTheComponentsRows() {
        Order order = map(MagentoOrderFixtures.BUNDLE, ErpDocumentSettings.defaults());

        assertThat(order.lines()).extracting(OrderLine::sku, l -> plain(l.quantity()), l -> plain(l.unitPrice()),
                        l -> plain(l.vatRate()))
                .containsExactly(tuple("FIX-MACINA-01", "1", "30", "22"), tuple("FIX-CAFFE-500", "2", "7", "10"));
        assertThat(order.lines()).allSatisfy(l -> assertThat(l.options()).isEqualTo("Kit caffè"));
    }

    @Test
    void aConfigurableWhoseChildWasDeletedIsOrderedUnderTheSkuItWasSoldAs() {
        Order order = map(MagentoOrderFixtures.CONFIGURABLE, ErpDocumentSettings.defaults());

        assertThat(order.lines()).extracting(OrderLine::sku, l -> plain(l.quantity()), l -> plain(l.unitPrice()))
                .containsExactly(tuple("FIX-FELPA-L-NERA", "1", "40.98"), tuple("FIX-CAPPELLO-U-ROSSO", "2", "16.39"));
        assertThat(order.lines().get(1).options()).isEqualTo("Cappello-U-Rosso");
    }

    @Test
    void aGuestHasNoShopCustomer() {
        Order order = map(MagentoOrderFixtures.GUEST, ErpDocumentSettings.defaults());

        assertThat(order.customer().guest()).isTrue();
        assertThat(order.customer().email()).isEqualTo("luca.verdi@example.it");
        assertThat(order.shipping().street()).isEqualTo("Via Po 18, interno 3");
    }

    @Test
    void aForeignOrderKeepsItsCurrencyAndAmountsUnlessTheAccountBooksTheShopsBaseAmounts() {
        Order asSold = map(MagentoOrderFixtures.USD, ErpDocumentSettings.defaults());
        Order mapped = map(MagentoOrderFixtures.USD, erp(Map.of("USD", 2), null));
        Order inBase = map(MagentoOrderFixtures.USD, erp(null, ErpDocumentSettings.ForeignCurrency.SHOP_BASE));

        assertThat(asSold.currency()).isEqualTo("USD");
        assertThat(asSold.grandTotal()).isEqualByComparingTo("31.75");
        assertThat(mapped.currency()).isEqualTo("USD");
        assertThat(mapped.lines().get(0).unitPrice()).isEqualByComparingTo("10.80");
        assertThat(inBase.currency()).isEqualTo("EUR");
        assertThat(inBase.grandTotal()).isEqualByComparingTo("29.40");
        assertThat(inBase.lines().get(0).unitPrice()).isEqualByComparingTo("10.00");
        assertThat(ErpDocumentTotal.of(inBase).total()).isEqualByComparingTo("29.40");
        assertThat(ErpDocumentTotal.of(mapped).differenceFrom(mapped.grandTotal()))
                .isLessThanOrEqualTo(ErpDocumentSettings.DEFAULT_TOTALS_TOLERANCE);
    }

    @Test
    void pecAndSdiAreNotReadFromFieldsAStockMagentoDoesNotHave() {
        ObjectNode payload = MagentoOrderFixtures.load(MagentoOrderFixtures.COUPON);
        // even an order that has them (a localisation module) is not read until the account maps them
        payload.withObject("extension_attributes").put("pec", "bianchi@pec.it").put("codice_sdi", "M5UXCR1");

        Order order = mapper.toOrder(account(ErpDocumentSettings.defaults()),
                new RawShopOrder("shop", "1", "000000001", Instant.parse("2026-11-20T10:16:30Z"), payload));

        assertThat(order.customer().pec()).isNull();
        assertThat(order.customer().sdiCode()).isNull();
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    static ErpDocumentSettings erp(Map<String, Integer> currencies, ErpDocumentSettings.ForeignCurrency rule) {
        return new ErpDocumentSettings(null, null, null, null, null, null, currencies, rule, null);
    }

    private Order map(String fixture, ErpDocumentSettings erp) {
        ObjectNode payload = MagentoOrderFixtures.load(fixture);
        return mapper.toOrder(account(erp), new RawShopOrder("shop", payload.path("entity_id").asText(),
                payload.path("increment_id").asText(), Instant.parse("2026-11-20T10:16:30Z"), payload));
    }

    private static ShopAccount account(ErpDocumentSettings erp) {
        AccountSettings settings = new AccountSettings(null, false, null, null, null, null, null, null, null, erp, null);
        return new ShopAccount("shop", "Shop", Platform.MAGENTO, "https://shop.example.it", "default",
                new ShopCredentials(ShopCredentials.AuthMode.BEARER, null, null, "token", null), settings, null);
    }
}
