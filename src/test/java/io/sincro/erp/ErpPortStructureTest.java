package io.sincro.erp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The ERP port speaks canonical values only (issue 14 item 2): the flows own the store and call the ERP
 * client around it, never the other way round.
 */
@AnalyzeClasses(packages = "io.sincro", importOptions = ImportOption.DoNotIncludeTests.class)
class ErpPortStructureTest {

    @ArchTest
    static final ArchRule theErpClientNeverTouchesTheStore = noClasses().that().resideInAPackage("io.sincro.erp..")
            .should().dependOnClassesThat().resideInAPackage("io.sincro.store..")
            .because("the flows (sync) read and write the store around the ERP port's calls");

    @ArchTest
    static final ArchRule theErpClientNeverCallsAFlow = noClasses().that().resideInAPackage("io.sincro.erp..")
            .should().dependOnClassesThat().resideInAPackage("io.sincro.sync..")
            .because("flows call the ERP port, not the reverse");
}
