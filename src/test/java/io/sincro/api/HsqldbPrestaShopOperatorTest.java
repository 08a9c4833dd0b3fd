package io.sincro.api;

import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.SimulatedPrestaShop;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The operator's scenarios with a PrestaShop shop, on the embedded default database, HSQLDB. */
class HsqldbPrestaShopOperatorTest extends OperatorScenarios {

    static final SimulatedShop shop = startShop(SimulatedPrestaShop::start);

    HsqldbPrestaShopOperatorTest() {
        super(shop);
    }

    @DynamicPropertySource
    static void hsqldb(DynamicPropertyRegistry registry) {
        properties(registry);
    }

    @AfterAll
    static void stopShop() {
        shop.close();
    }
}
