package io.sincro.schedule;

import io.sincro.sandbox.magento.MagentoShop;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The F3 and F4 scheduled-run and customer-sync scenarios against Magento, on HSQLDB. */
class HsqldbMagentoScheduledRunTest extends ScheduledRunScenarios {

    HsqldbMagentoScheduledRunTest() {
        super(MagentoShop::start);
    }

    @DynamicPropertySource
    static void registerProperties(DynamicPropertyRegistry registry) {
        properties(registry);
    }
}
