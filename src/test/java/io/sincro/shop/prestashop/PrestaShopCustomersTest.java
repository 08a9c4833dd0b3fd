package io.sincro.shop.prestashop;

import static io.sincro.shop.prestashop.PrestaShopWebservice.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.sincro.model.ShopCustomer;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.FieldMapping;
import io.sincro.shop.Platform;
import io.sincro.shop.PrestaShopSettings;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A PrestaShop account's customers over real HTTP, for the customer sync: never with their password hash. */
class PrestaShopCustomersTest {

    final PrestaShopWebservice shop = new PrestaShopWebservice();
    final PrestaShopClient client = PrestaShopWebservice.client();
    final PrestaShopCustomers customers = new PrestaShopCustomers(client,
            new PrestaShopConfiguration(client, Duration.ofMinutes(10)));

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void customersAreNeverFetchedWithTheirPasswords() {
        PrestaShopShopData.lookups(shop);

        customers.get(shop.account(), "4410");
        customers.changedAfter(shop.account(), Instant.parse("2026-11-01T00:00:00Z"), c -> { });

        List<LoggedRequest> reads = shop.requests("GET", "/api/customers");
        assertThat(reads).hasSize(2).allSatisfy(r -> assertThat(query(r, "display"))
                .isEqualTo(PrestaShopOrders.CUSTOMER_FIELDS).doesNotContain("passwd").doesNotContain("secure_key"));
        assertThat(shop.requests()).noneMatch(r -> r.getUrl().startsWith("/api/customers/"));
    }

    @Test
    void aCustomersVatNumberAndFiscalCodeComeFromTheAddressThatHasThem() {
        PrestaShopShopData.lookups(shop);

        ShopCustomer anna = customers.get(shop.account(), "4410");

        assertThat(anna.customer().shopCustomerId()).isEqualTo("4410");
        assertThat(anna.customer().email()).isEqualTo("anna.rossi@example.it");
        assertThat(anna.customer().vatNumber()).isEqualTo("IT01114601006");
        assertThat(anna.customer().fiscalCode()).isEqualTo("RSSNNA80A41F205X");
        assertThat(anna.customer().companyName()).isEqualTo("Rossi Srl");
        assertThat(anna.updatedAt()).as("18:30 in Rome").isEqualTo(Instant.parse("2026-11-20T17:30:00Z"));
        assertThat(query(shop.requests("GET", "/api/addresses").get(0), "filter[id_customer]")).isEqualTo("[4410]");
    }

    @Test
    void theAccountsOwnMappingIsReadWhereItPoints() {
        PrestaShopShopData.lookups(shop);
        ShopAccount account = shop.account();
        AccountSettings mapped = new AccountSettings(null, false,
                new FieldMapping(null, null, "customer:note", "order:invoice_address.other"), null, null, null, null,
                null, null, null, null, null, null, PrestaShopSettings.defaults());
        shop.answer("customers", PrestaShopShopData.CUSTOMERS.replace("\"note\":\"\"", "\"note\":\"rossi@pec.it\""));
        shop.answer("addresses", PrestaShopShopData.ADDRESSES.replace("\"other\":\"\"", "\"other\":\"M5UXCR1\""));

        ShopCustomer anna = customers.get(new ShopAccount(account.id(), account.name(), Platform.PRESTASHOP,
                account.baseUrl(), "default", account.credentials(), mapped, null), "4410");

        assertThat(anna.customer().pec()).isEqualTo("rossi@pec.it");
        assertThat(anna.customer().sdiCode()).isEqualTo("M5UXCR1");
    }

    @Test
    void changedCustomersAreReadFromTheWatermarkOnTheShopsClockOldestFirst() {
        PrestaShopShopData.lookups(shop);
        List<ShopCustomer> read = new ArrayList<>();

        customers.changedAfter(shop.account(), Instant.parse("2026-11-01T00:00:00Z"), read::add);

        LoggedRequest changed = shop.requests("GET", "/api/customers").get(0);
        assertThat(query(changed, "date")).isEqualTo("1");
        assertThat(query(changed, "filter[date_upd]")).startsWith("[2026-11-01 01:00:00,");
        assertThat(query(changed, "sort")).isEqualTo("[date_upd_ASC,id_ASC]");
        assertThat(query(changed, "limit")).isEqualTo("0,100");
        assertThat(read).extracting(c -> c.customer().email()).containsExactly("anna.rossi@example.it",
                "john@example.com");
        assertThat(shop.requests("GET", "/api/addresses")).as("the page's addresses in one call").hasSize(1);
    }

    @Test
    void aCustomerTheShopNoLongerHasIsRejected() {
        shop.answer("customers", "[]");

        assertThatThrownBy(() -> customers.get(shop.account(), "4410")).isInstanceOf(ShopException.Rejected.class)
                .hasMessageContaining("has no customer 4410");
    }
}
