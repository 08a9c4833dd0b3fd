package io.sincro.api;

import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.magento.MagentoShop;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The operator's scenarios with a Magento shop, on the embedded default database, HSQLDB. */
class HsqldbMagentoOperatorTest extends OperatorScenarios {

    static final SimulatedShop shop = startShop(MagentoShop::start);

    HsqldbMagentoOperatorTest() {
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
