package io.sincro.sync;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** F1 import scenarios on the embedded default database, HSQLDB. */
class HsqldbOrderImportTest extends OrderImportScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commonProperties(registry);
    }
}
