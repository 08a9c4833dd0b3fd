package io.sincro.sync;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The order-money scenarios on HSQLDB. */
class HsqldbOrderMoneyTest extends OrderMoneyScenarios {

    @DynamicPropertySource
    static void registerProperties(DynamicPropertyRegistry registry) {
        properties(registry);
    }
}
