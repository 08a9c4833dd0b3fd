package io.sincro.schedule;

import io.sincro.sandbox.SimulatedPrestaShop;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The F3 and F4 scheduled-run and customer-sync scenarios against PrestaShop, on HSQLDB. */
class HsqldbPrestaShopScheduledRunTest extends ScheduledRunScenarios {

    HsqldbPrestaShopScheduledRunTest() {
        super(SimulatedPrestaShop::start);
    }

    @DynamicPropertySource
    static void registerProperties(DynamicPropertyRegistry registry) {
        properties(registry);
    }
}
