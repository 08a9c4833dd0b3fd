package io.sincro.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The operator's scenarios on the embedded default database, HSQLDB. */
class HsqldbOperatorTest extends OperatorScenarios {

    @DynamicPropertySource
    static void hsqldb(DynamicPropertyRegistry registry) {
        properties(registry);
    }
}
