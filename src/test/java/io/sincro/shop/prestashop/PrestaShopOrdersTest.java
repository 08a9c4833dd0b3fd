package io.sincro.shop.prestashop;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.sincro.shop.prestashop.PrestaShopShopData.ORDER_5120;
import static io.sincro.shop.prestashop.PrestaShopShopData.ORDER_5121_USD;
import static io.sincro.shop.prestashop.PrestaShopShopData.orders;
import static io.sincro.shop.prestashop.PrestaShopWebservice.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.sincro.erp.ErpDocumentTotal;
import io.sincro.fiscal.PartitaIva;
import io.sincro.model.Address;
import io.sincro.model.ExpenseRow;
import io.sincro.model.Order;
import io.sincro.model.OrderLine;
import io.sincro.shop.ErpDocumentSettings;
import io.sincro.shop.OrderPoll;
import io.sincro.shop.PrestaShopSettings;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reading a PrestaShop account's orders over real HTTP (a WireMock webservice answering as shop-apis B4
 * describes): the poll's query, the boundary second read again, the lookups made once, and the mapping of
 * realistic orders into the canonical order the intake judges the same for every shop.
 */
class PrestaShopOrdersTest {

    final PrestaShopWebservice shop = new PrestaShopWebservice();
    final PrestaShopClient client = PrestaShopWebservice.client();
    final PrestaShopOrders source = new PrestaShopOrders(client, new PrestaShopConfiguration(client, Duration.ofMinutes(10)));

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void anOrderWithTwoVatRatesAVoucherAndTaxedShippingBecomesTheCanonicalOrder() {
        PrestaShopShopData.lookups(shop);
        shop.answer("orders", orders(ORDER_5120));

        Order order = readOne(shop.account());

        assertThat(order.shopOrderId()).isEqualTo("5120");
        assertThat(order.number()).isEqualTo("XKBKNABJK");
        assertThat(order.currency()).isEqualTo("EUR");
        assertThat(order.paymentMethod()).isEqualTo("ps_wirepayment");
        assertThat(order.carrier()).as("the carrier's id_reference, stable across carrier edits").isEqualTo("3");
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2026-11-29T09:12:03Z"));
        assertThat(order.updatedAt()).as("the shop's clock is Europe/Rome").isEqualTo(Instant.parse("2026-11-29T09:20:41Z"));
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity, OrderLine::unitPrice, OrderLine::vatRate)
                .containsExactly(tuple("MUG-001", new BigDecimal("2"), new BigDecimal("10"), new BigDecimal("22")),
                        tuple("BOOK-7", new BigDecimal("1"), new BigDecimal("20"), new BigDecimal("4")));
        assertThat(order.expenses()).containsExactly(
                new ExpenseRow(ExpenseRow.Kind.SHIPPING, "3", "Corriere Espresso", new BigDecimal("5"), new BigDecimal("22")),
                new ExpenseRow(ExpenseRow.Kind.DISCOUNT, "DISCOUNT", "Sconto (IVA 22%)", new BigDecimal("2.00"),
                        new BigDecimal("22")),
                new ExpenseRow(ExpenseRow.Kind.DISCOUNT, "DISCOUNT", "Sconto (IVA 4%)", new BigDecimal("2.00"),
                        new BigDecimal("4")));
        assertThat(order.grandTotal()).isEqualByComparingTo("46.78");
        assertThat(ErpDocumentTotal.of(order).differenceFrom(order.grandTotal()))
                .as("the ERP document totals what the shop charged").isEqualByComparingTo("0");
    }

    @Test
    void theBuyerAndBothAddressesComeFromTheOrdersCustomerAndAddressesWithIsoCodes() {
        PrestaShopShopData.lookups(shop);
        shop.answer("orders", orders(ORDER_5120));

        Order order = readOne(shop.account());

        assertThat(order.customer().shopCustomerId()).isEqualTo("4410");
        assertThat(order.customer().email()).isEqualTo("anna.rossi@example.it");
        assertThat(order.customer().companyName()).isEqualTo("Rossi Srl");
        assertThat(order.customer().vatNumber()).as("vat_number of the invoice address").isEqualTo("IT01114601006");
        assertThat(PartitaIva.whyInvalid(order.customer().vatNumber())).isEmpty();
        assertThat(order.customer().fiscalCode()).as("dni of the invoice address").isEqualTo("RSSNNA80A41F205X");
        assertThat(order.billing()).isEqualTo(new Address("Anna", "Rossi", "Rossi Srl", "Via Roma 5, Scala B", "Milano",
                "20121", "MI", "IT", "+39 02 1234567"));
        assertThat(order.shipping()).isEqualTo(new Address("Anna", "Rossi", null, "Via Verdi 12", "Monza", "20900", "MB",
                "IT", "+39 333 7654321"));
    }

    @Test
    void aVatNumberFailingItsCheckDigitReachesTheIntakeAsTheShopHasIt() {
        PrestaShopShopData.lookups(shop);
        shop.answer("addresses", PrestaShopShopData.ADDRESSES.replace("IT01114601006", "IT01114601007"));
        shop.answer("orders", orders(ORDER_5120));

        Order order = readOne(shop.account());

        assertThat(order.customer().vatNumber()).isEqualTo("IT01114601007");
        assertThat(PartitaIva.whyInvalid(order.customer().vatNumber())).as("the intake's INVALID_VAT_NUMBER hold").isPresent();
    }

    @Test
    void aForeignCurrencyOrderIsBookedInItsCurrencyOrConvertedToTheShopsAsTheAccountSays() {
        PrestaShopShopData.lookups(shop);
        shop.answer("orders", orders(ORDER_5121_USD));

        Order unmapped = readOne(account(new ErpDocumentSettings(null, null, null, null, null, null, null, null, null)));
        Order mapped = readOne(account(new ErpDocumentSettings(null, null, null, null, null, null, Map.of("USD", 2),
                null, null)));
        Order converted = readOne(account(new ErpDocumentSettings(null, null, null, null, null, null, null,
                ErpDocumentSettings.ForeignCurrency.SHOP_BASE, null)));

        assertThat(unmapped.currency()).as("unmapped: the intake holds it as UNMAPPED_CURRENCY").isEqualTo("USD");
        assertThat(mapped.currency()).isEqualTo("USD");
        assertThat(mapped.lines().get(0).unitPrice()).isEqualByComparingTo("11");
        assertThat(mapped.grandTotal()).isEqualByComparingTo("13.42");
        assertThat(converted.currency()).isEqualTo("EUR");
        assertThat(converted.lines().get(0).unitPrice()).as("11 USD at 1.1 USD per EUR").isEqualByComparingTo("10");
        assertThat(converted.grandTotal()).isEqualByComparingTo("12.2");
        assertThat(ErpDocumentTotal.of(converted).differenceFrom(converted.grandTotal())).isEqualByComparingTo("0");
        assertThat(mapped.customer().shopCustomerId()).as("a guest checkout").isNull();
        assertThat(mapped.billing().country()).isEqualTo("US");
        assertThat(mapped.lines().get(0).vatRate()).isEqualByComparingTo("22");
    }

    @Test
    void aShopKeepingPricesVatIncludedIsChargedItsRoundRateAndBookedAtWhatTheCustomerPaid() {
        // PrestaShop 8, round_type per item: 5 x 4.68 VAT included (3.836066 net, 10 % reduction) + 6.10 shipping
        com.fasterxml.jackson.databind.JsonNode fixture = io.sincro.sandbox.prestashop.PrestaShopOrderFixtures
                .load("tax-inclusive-prices");
        PrestaShopShopData.lookups(shop);
        for (String resource : List.of("orders", "order_details", "customers", "addresses", "countries", "states")) {
            shop.answer(resource, "{\"" + resource + "\":" + fixture.path(resource) + "}");
        }

        Order order = readOne(shop.account());

        assertThat(order.lines()).extracting(OrderLine::vatRate).as("4.68 / 3.836066 is 22 %, the gross rounded")
                .containsExactly(new BigDecimal("22"));
        assertThat(order.grandTotal()).isEqualByComparingTo("29.50");
        assertThat(ErpDocumentTotal.of(order).total()).as("not 29.52: the VAT taken out of what was paid")
                .isEqualByComparingTo("29.50");
        assertThat(order.lines().get(0).unitPrice().stripTrailingZeros().scale()).isLessThanOrEqualTo(4);
    }

    @Test
    void thePollReadsOnlyTheAccountsStatesOnTheShopsClockSortedAndPaged() {
        PrestaShopShopData.lookups(shop);
        shop.answer("orders", orders(ORDER_5120));
        shop.configurations(Map.of("PS_OS_PAYMENT", "2", "PS_OS_PREPARATION", "3", "PS_OS_BANKWIRE", "21",
                "PS_TIMEZONE", "Europe/Rome", "PS_CURRENCY_DEFAULT", "1"));
        ShopAccount account = shop.account(new PrestaShopSettings(null, null,
                List.of("PS_OS_PAYMENT", "PS_OS_BANKWIRE", "3"), null, null, null, null), ErpDocumentSettings.defaults(), 50,
                null);

        source.nextPage(new OrderPoll(account, Instant.parse("2026-11-29T09:00:00Z")));

        LoggedRequest poll = shop.requests("GET", "/api/orders").get(0);
        assertThat(query(poll, "display")).isEqualTo("full");
        assertThat(query(poll, "date")).isEqualTo("1");
        assertThat(query(poll, "filter[date_upd]")).as("from the watermark, on the shop's clock").startsWith(
                "[2026-11-29 10:00:00,");
        assertThat(query(poll, "filter[current_state]")).as("the shop's ids of the states named").isEqualTo("[2|21|3]");
        assertThat(query(poll, "sort")).isEqualTo("[date_upd_ASC,id_ASC]");
        assertThat(query(poll, "limit")).isEqualTo("0,50");
        assertThat(query(poll, "output_format")).isEqualTo("JSON");
        assertThat(poll.getHeader("Authorization")).as("the key as Basic user, empty password").isEqualTo("Basic "
                + Base64.getEncoder().encodeToString((PrestaShopWebservice.KEY + ":").getBytes()));
    }

    @Test
    void aBoundarySecondOrderIsReadAgainByTheNextPollUnderTheSameImportKey() {
        PrestaShopShopData.lookups(shop);
        shop.answer("orders", orders(ORDER_5120));
        ShopAccount account = shop.account();

        RawShopOrder first = source.nextPage(new OrderPoll(account, Instant.parse("2026-11-29T09:00:00Z"))).get(0);
        // the flow stores it and moves the watermark to its date_upd: the next poll starts at that very second
        List<RawShopOrder> next = source.nextPage(new OrderPoll(account, first.updatedAt()));

        List<LoggedRequest> polls = shop.requests("GET", "/api/orders");
        assertThat(query(polls.get(1), "filter[date_upd]")).as("BETWEEN is inclusive: the boundary second is asked again")
                .startsWith("[2026-11-29 10:20:41,");
        assertThat(next).extracting(RawShopOrder::importKey).as("the flow's idempotent consumer skips it by this key")
                .containsExactly(first.importKey());
    }

    @Test
    void aFullPageMovesThePollToItsLastSecondAndAPageWithinOneSecondMovesTheOffset() {
        PrestaShopShopData.lookups(shop);
        String sameSecond = ORDER_5120.replace("\"id\":5120", "\"id\":5122");
        shop.answer("orders", orders(ORDER_5120, sameSecond));
        ShopAccount account = shop.account(PrestaShopSettings.defaults(), ErpDocumentSettings.defaults(), 2, null);
        OrderPoll poll = new OrderPoll(account, Instant.parse("2026-11-29T09:00:00Z"));

        source.nextPage(poll);
        source.nextPage(poll);

        List<LoggedRequest> polls = shop.requests("GET", "/api/orders");
        assertThat(query(polls.get(1), "filter[date_upd]")).startsWith("[2026-11-29 10:20:41,");
        assertThat(query(polls.get(1), "limit")).isEqualTo("0,2");
        assertThat(poll.hasMorePages()).as("both pages were full").isTrue();
        source.nextPage(poll);
        assertThat(query(shop.requests("GET", "/api/orders").get(2), "limit")).as("the second within one second: next offset")
                .isEqualTo("2,2");
    }

    @Test
    void codesAreLookedUpOncePerRunAndCustomersNeverWithTheirPasswords() {
        PrestaShopShopData.lookups(shop);
        shop.answer("orders", orders(ORDER_5120, ORDER_5120.replace("\"id\":5120", "\"id\":5122")
                .replace("2026-11-29 10:20:41", "2026-11-29 10:25:00")));
        ShopAccount account = shop.account(PrestaShopSettings.defaults(), ErpDocumentSettings.defaults(), 2, null);
        OrderPoll poll = new OrderPoll(account, Instant.parse("2026-11-29T09:00:00Z"));

        source.nextPage(poll);
        source.nextPage(poll);

        assertThat(shop.requests("GET", "/api/orders")).hasSize(2);
        assertThat(shop.requests("GET", "/api/countries")).as("once per run").hasSize(1);
        assertThat(shop.requests("GET", "/api/currencies")).hasSize(1);
        assertThat(shop.requests("GET", "/api/configurations")).hasSize(1);
        assertThat(shop.requests("GET", "/api/customers")).hasSize(2).allSatisfy(r -> {
            assertThat(query(r, "display")).startsWith("[").doesNotContain("passwd").doesNotContain("secure_key");
        });
        assertThat(shop.requests()).noneMatch(r -> r.getUrl().startsWith("/api/customers/"));
    }

    @Test
    void anEmptyListAnsweredAsABareArrayIsTheLastPage() {
        shop.answer("orders", "[]");
        OrderPoll poll = new OrderPoll(shop.account(), Instant.parse("2026-11-29T09:00:00Z"));

        assertThat(source.nextPage(poll)).isEmpty();
        assertThat(poll.hasMorePages()).isFalse();
    }

    @Test
    void aRefusedKeyIsUnauthorizedWithTheWebservicesOwnMessage() {
        shop.stub(get(urlPathEqualTo("/api/configurations")), 401,
                "{\"errors\":[{\"code\":20,\"message\":\"Authentification key is not active\"}]}");

        assertThatThrownBy(() -> source.nextPage(new OrderPoll(shop.account(), Instant.parse("2026-11-29T09:00:00Z"))))
                .isInstanceOf(ShopException.Unauthorized.class)
                .hasMessageContaining("code 20: Authentification key is not active")
                .hasMessageContaining("GET permission on configurations")
                .hasMessageNotContaining(PrestaShopWebservice.KEY);
    }

    @Test
    void aShopDownIsUnavailableAndABadFilterIsRejected() {
        shop.stub(get(urlPathEqualTo("/api/orders")), 503, "<html>maintenance</html>");
        OrderPoll poll = new OrderPoll(shop.account(), Instant.parse("2026-11-29T09:00:00Z"));
        assertThatThrownBy(() -> source.nextPage(poll)).isInstanceOf(ShopException.Unavailable.class)
                .hasMessageContaining("not a PrestaShop webservice error").hasMessageNotContaining("maintenance");

        shop.stub(get(urlPathEqualTo("/api/orders")), 400, """
                <?xml version="1.0" encoding="UTF-8"?>
                <prestashop xmlns:xlink="http://www.w3.org/1999/xlink"><errors><error><code><![CDATA[32]]></code>
                <message><![CDATA[This filter does not exist.]]></message></error></errors></prestashop>""");
        assertThatThrownBy(() -> source.nextPage(poll)).isInstanceOf(ShopException.Rejected.class)
                .hasMessageContaining("code 32: This filter does not exist.");
    }

    @Test
    void aHeldOrderIsMappedAgainFromItsStoredPayloadAloneWithTheAccountsNewSettings() {
        PrestaShopShopData.lookups(shop);
        shop.answer("orders", orders(ORDER_5121_USD));
        RawShopOrder raw = source.nextPage(new OrderPoll(shop.account(), Instant.parse("2026-11-29T09:00:00Z"))).get(0);
        int callsBefore = shop.requests().size();

        Order again = source.toOrder(account(new ErpDocumentSettings(null, null, null, null, null, null, Map.of("USD", 2),
                null, null)), new RawShopOrder(raw.accountId(), raw.shopOrderId(), raw.number(), raw.updatedAt(),
                PrestaShopWebservice.JSON.valueToTree(raw.payload())));

        assertThat(again.currency()).isEqualTo("USD");
        assertThat(shop.requests()).as("no call: the payload holds its lookups").hasSize(callsBefore);
    }

    private ShopAccount account(ErpDocumentSettings erp) {
        return shop.account(PrestaShopSettings.defaults(), erp, 50, null);
    }

    private Order readOne(ShopAccount account) {
        List<RawShopOrder> page = source.nextPage(new OrderPoll(account, Instant.parse("2026-11-29T09:00:00Z")));
        assertThat(page).hasSize(1);
        return source.toOrder(account, page.get(0));
    }
}
