package io.sincro.sync;

import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.magento.MagentoShop;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The order-money scenarios with a Magento shop, on HSQLDB. */
class HsqldbMagentoOrderMoneyTest extends OrderMoneyScenarios {

    static final SimulatedShop shop = startShop(MagentoShop::start);

    HsqldbMagentoOrderMoneyTest() {
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
