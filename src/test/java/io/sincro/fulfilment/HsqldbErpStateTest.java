package io.sincro.fulfilment;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The F2 scenarios on the default embedded database, HSQLDB. */
class HsqldbErpStateTest extends ErpStateScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        erpProperties(registry);
    }
}
