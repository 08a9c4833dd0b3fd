package io.sincro.sync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Flows call flows as routes (issue 14 item 3): a step that needs another flow calls it after taking its lock
 * and ends when it ends; nothing in the flows or the store sleeps waiting for a run to end.
 */
@AnalyzeClasses(packages = "io.sincro", importOptions = ImportOption.DoNotIncludeTests.class)
class FlowsCallFlowsTest {

    @ArchTest
    static final ArchRule noFlowSleepsWaitingForARun = noClasses().that()
            .resideInAnyPackage("io.sincro.sync..", "io.sincro.store..", "io.sincro.schedule..")
            .should().callMethod(Thread.class, "sleep", long.class)
            .because("a step calls the flow it needs (direct:) and ends when it ends, instead of polling the store");
}
