package io.sincro;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape the code keeps (issue 14): the flows own the store and reach a shop only through the shop
 * port; a platform's classes stay in its {@code shop.<platform>} package; no product class knows a
 * simulator. Checked on the compiled product classes ({@code target/classes}), never on the tests.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sincro");

    /**
     * Classes that do break the rules, to show the rules catch them: the contract tests drive the Magento
     * connector's classes and the simulator directly, from outside both.
     */
    private static final JavaClasses CONTRACT_TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("io.sincro.contract");

    /** {@code io.sincro.shop.<platform>} and below; the platform is the first package under {@code shop}. */
    private static final Pattern PLATFORM_PACKAGE = Pattern.compile("io\\.sincro\\.shop\\.([^.]+)(\\..*)?");

    /** Any platform package, present or future: only its own classes may use it. */
    private static final ArchRule ONLY_A_PLATFORM_USES_ITS_CONNECTOR = classes()
            .should(new ArchCondition<JavaClass>("use a shop platform's classes only from within that platform's package") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    String own = platformOf(origin.getPackageName());
                    for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                        String target = platformOf(dependency.getTargetClass().getBaseComponentType().getPackageName());
                        if (target != null && !target.equals(own)) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            });

    private static final ArchRule SHOP_NEVER_USES_THE_STORE = noClasses().that().resideInAPackage("io.sincro.shop..")
            .should().dependOnClassesThat().resideInAPackage("io.sincro.store..")
            .because("connectors speak the canonical model; the flows own the store");

    private static final ArchRule NO_PRODUCT_CLASS_KNOWS_A_SIMULATOR = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.sincro.sandbox..")
            .orShould().resideInAPackage("io.sincro.sandbox..")
            .because("the simulators belong to the sandbox and the tests, not to the product jar");

    @Test
    void onlyAPlatformsOwnPackageUsesItsClasses() {
        assertThat(MAIN.stream().filter(c -> c.getPackageName().startsWith("io.sincro.shop.magento")))
                .as("the Magento connector is among the classes checked").isNotEmpty();
        ONLY_A_PLATFORM_USES_ITS_CONNECTOR.check(MAIN);
    }

    @Test
    void theRuleOnPlatformPackagesCatchesAClassOutsideThemThatUsesOne() {
        assertThatThrownBy(() -> ONLY_A_PLATFORM_USES_ITS_CONNECTOR.check(CONTRACT_TESTS))
                .isInstanceOf(AssertionError.class).hasMessageContaining("io.sincro.shop.magento");
    }

    @Test
    void platformPackagesAreTheOnesUnderShop() {
        assertThat(platformOf("io.sincro.shop.magento")).isEqualTo("magento");
        assertThat(platformOf("io.sincro.shop.prestashop.xml")).isEqualTo("prestashop");
        assertThat(platformOf("io.sincro.shop")).as("the port itself").isNull();
        assertThat(platformOf("io.sincro.shopping")).isNull();
        assertThat(platformOf("io.sincro.sync")).isNull();
    }

    @Test
    void connectorsNeverUseTheStore() {
        SHOP_NEVER_USES_THE_STORE.check(MAIN);
    }

    @Test
    void noProductClassReferencesASimulator() {
        NO_PRODUCT_CLASS_KNOWS_A_SIMULATOR.check(MAIN);
    }

    @Test
    void theRuleOnSimulatorsCatchesAClassThatUsesOne() {
        assertThatThrownBy(() -> NO_PRODUCT_CLASS_KNOWS_A_SIMULATOR.check(CONTRACT_TESTS))
                .isInstanceOf(AssertionError.class).hasMessageContaining("io.sincro.sandbox");
    }

    @Test
    void theProductClassesHoldNoSandboxClass() throws IOException {
        Path classes = Path.of("target", "classes");
        assertThat(classes.resolve("io/sincro")).as("the product classes are compiled").isDirectory();
        Path sandbox = classes.resolve("io/sincro/sandbox");
        if (Files.exists(sandbox)) {
            try (Stream<Path> files = Files.walk(sandbox)) {
                assertThat(files.filter(f -> f.toString().endsWith(".class")).toList())
                        .as("simulator classes in target/classes").isEmpty();
            }
        }
    }

    private static String platformOf(String packageName) {
        Matcher matcher = PLATFORM_PACKAGE.matcher(packageName);
        return matcher.matches() ? matcher.group(1) : null;
    }
}
