package io.sincro.sync;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** F1 second-half scenarios on HSQLDB. */
class HsqldbErpSyncTest extends ErpSyncScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        erpProperties(registry);
    }
}
