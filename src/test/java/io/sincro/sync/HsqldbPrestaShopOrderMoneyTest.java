package io.sincro.sync;

import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.SimulatedPrestaShop;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The order-money scenarios with a PrestaShop shop, on HSQLDB. */
class HsqldbPrestaShopOrderMoneyTest extends OrderMoneyScenarios {

    static final SimulatedShop shop = startShop(SimulatedPrestaShop::start);

    HsqldbPrestaShopOrderMoneyTest() {
        super(shop);
    }

    @DynamicPropertySource
    static void registerProperties(DynamicPropertyRegistry registry) {
        properties(registry);
    }

    @AfterAll
    static void stopShop() {
        shop.close();
    }
}
