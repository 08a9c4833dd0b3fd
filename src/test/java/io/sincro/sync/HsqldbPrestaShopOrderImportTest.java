package io.sincro.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.sandbox.SimulatedPrestaShop;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.SimulatedShop.ShopOrder;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** F1 import scenarios against PrestaShop, on the embedded default database, HSQLDB. */
class HsqldbPrestaShopOrderImportTest extends OrderImportScenarios {

    static final SimulatedShop shop = SimulatedPrestaShop.start(SEED, ORDERS);

    HsqldbPrestaShopOrderImportTest() {
        super(shop);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commonProperties(registry);
    }

    /**
     * PrestaShop fails the whole page for it, so the page is read order by order; the order the run stores
     * first is the one that fails, and its dead letter must not end the run or shorten the others' retries.
     */
    @Test
    void theFirstOrderOfTheRunThatCannotBeReadIsDeadLetteredAndTheRestOfTheRunIsStored() {
        ShopOrder first = importableOrders().stream()
                .min(Comparator.comparing(ShopOrder::updatedAt).thenComparing(o -> Long.parseLong(o.id()))).orElseThrow();
        shop.makeUnreadable(first);
        String account = createAccount(true, null);

        JsonNode run = syncAndWait(account);

        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(run.path("ordersFailed").asInt()).isEqualTo(1);
        assertThat(storedOrders(account)).isEqualTo(importableOrders().size() - 1);
        assertThat(orders.findByShopId(account, first.id())).isEmpty();
        assertThat(accounts.find(account).orElseThrow().orderWatermark()).as("held before the first order").isNull();
        assertThat(deadLetters.list(io.sincro.store.DeadLetters.State.OPEN, account, 100))
                .filteredOn(l -> l.payload().contains("\"shopOrderId\":\"" + first.id() + "\""))
                .singleElement().satisfies(l -> assertThat(l.attempts()).as("its own redeliveries, all of them")
                        .isEqualTo(4));
    }

    @AfterAll
    static void stopShop() {
        shop.close();
    }
}
