package bg.nrm.service;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture the build holds (docs/architecture.md): dependencies run one way, {@code service → keys} and
 * {@code service → rules}; cryptography stays inside {@code keys}; the packages of {@code service} form no cycle.
 * These read the compiled classes of all three modules (the service's test class path holds them), main code only.
 */
@AnalyzeClasses(packages = "bg.nrm", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String SERVICE = "bg.nrm.service..";
    private static final String KEYS = "bg.nrm.keys..";
    private static final String RULES = "bg.nrm.rules..";

    @ArchTest
    static final ArchRule keysAndRulesDoNotKnowTheService = noClasses().that().resideInAnyPackage(KEYS, RULES)
            .should().dependOnClassesThat().resideInAPackage(SERVICE)
            .because("keys and rules are libraries the service uses, never the other way round");

    @ArchTest
    static final ArchRule rulesDoNotUseKeys = noClasses().that().resideInAPackage(RULES)
            .should().dependOnClassesThat().resideInAPackage(KEYS)
            .because("the screening knowledge needs no cryptography");

    @ArchTest
    static final ArchRule keysDoNotUseRules = noClasses().that().resideInAPackage(KEYS)
            .should().dependOnClassesThat().resideInAPackage(RULES)
            .because("cryptography knows nothing of screenings");

    @ArchTest
    static final ArchRule keysAndRulesStayOffTheWebAndTheDatabase = noClasses().that().resideInAnyPackage(KEYS, RULES)
            .should().dependOnClassesThat().resideInAnyPackage("io.helidon..", "java.sql..", "javax.sql..")
            .because("HTTP and storage belong to the service module");

    @ArchTest
    static final ArchRule cryptographyStaysInKeys = noClasses().that().resideOutsideOfPackage(KEYS)
            .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..", "org.pgpainless..")
            .because("callers use the keys facade and never pick algorithms, keys or nonces themselves");

    @ArchTest
    static final ArchRule servicePackagesFormNoCycle = slices().matching("bg.nrm.service.(*)..")
            .should().beFreeOfCycles()
            .because("each concept has one owner: a cycle means two packages share one");
}
