package com.spendportal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The floors of docs/architecture.md#where-things-live, as rules over the compiled classes: arrows point
 * down (or sideways between features) and never around in a circle. A class in a package that is on
 * no floor fails too, so a new package has to be placed before it can land.
 */
@Tag("h2-only") // no database: rules over the compiled classes
class LayoutTest {

    static final String BASE = "com.spendportal";

    /** Filters, formats, errors, the page context; meters' sampling. Imports no feature. */
    static final String[] GROUND = packages("web", "metrics");
    /** The billing rules: pure Java, no entity, no database, no CDI. */
    static final String[] ENGINES = packages("statements", "plan", "spend", "showback");
    /** Entities with their own pages, services and API, and the figures computed from them. */
    static final String[] FEATURES = packages("accounts", "contracts", "usage", "wallet", "users", "tokens", "audit",
            "backups", "alerts", "export", "figures", "invoices", "jobs", "costcentres");
    /** Pages and JSON that compose several features. */
    static final String[] COMPOSITION = packages("overview", "api");
    static final String[] DEMO = packages("demo");

    static JavaClasses portal;

    @BeforeAll
    static void importPortal() {
        portal = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
    }

    @Test
    void floorsOnlyLookDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("ground").definedBy(GROUND)
                .layer("engines").definedBy(ENGINES)
                .layer("features").definedBy(FEATURES)
                .layer("composition").definedBy(COMPOSITION)
                .layer("demo").definedBy(DEMO)
                .layer("entry point").definedBy(BASE)
                .whereLayer("entry point").mayNotBeAccessedByAnyLayer()
                .whereLayer("demo").mayOnlyBeAccessedByLayers("entry point")
                .whereLayer("composition").mayOnlyBeAccessedByLayers("demo", "entry point")
                .whereLayer("features").mayOnlyBeAccessedByLayers("composition", "demo", "entry point")
                .whereLayer("engines").mayOnlyBeAccessedByLayers("features", "composition", "demo", "entry point")
                .check(portal);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(portal);
    }

    @Test
    void everyPackageIsOnAFloor() {
        String[] all = Stream.of(GROUND, ENGINES, FEATURES, COMPOSITION, DEMO).flatMap(Arrays::stream).toArray(String[]::new);
        classes().that().resideOutsideOfPackage(BASE).should().resideInAnyPackage(all)
                .because("a new package needs its floor in LayoutTest and in docs/architecture.md#where-things-live")
                .check(portal);
    }

    @Test
    void enginesArePure() {
        noClasses().that().resideInAnyPackage(ENGINES)
                .should().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "jakarta.enterprise..",
                        "jakarta.inject..", "jakarta.transaction..", "io.quarkus.hibernate..", "io.quarkus.panache..",
                        "io.agroal..", "java.sql..")
                .check(portal);
    }

    @Test
    void accountsKnowsNoFeatureThatUsesIt() {
        noClasses().that().resideInAPackage(BASE + ".accounts..")
                .should().dependOnClassesThat().resideInAnyPackage(packages("wallet", "usage", "contracts", "statements",
                        "alerts", "figures", "overview"))
                .check(portal);
    }

    private static String[] packages(String... names) {
        return Arrays.stream(names).map(name -> BASE + "." + name + "..").toArray(String[]::new);
    }
}
