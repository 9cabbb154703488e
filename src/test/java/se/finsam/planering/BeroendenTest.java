package se.finsam.planering;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: features depend on the shared packages ({@code atkomst}, {@code web}, {@code db},
 * {@code audit}, {@code varden}), never the other way, and no two packages depend on each other in a circle.
 * Only {@link App}, with {@link Tjanster} and {@link Funktioner} beside it, wires the features together.
 */
class BeroendenTest {

    private static JavaClasses klasser;

    @BeforeAll
    static void lasKlasser() {
        klasser = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("se.finsam.planering");
    }

    @Test
    void inga_cykler_mellan_paket() {
        slices().matching("se.finsam.planering.(*)..").should().beFreeOfCycles().check(klasser);
    }

    /** The shared packages that every feature may use; they use no feature. */
    static final String[] GEMENSAMMA = {"se.finsam.planering.atkomst..", "se.finsam.planering.audit..",
            "se.finsam.planering.auth..", "se.finsam.planering.db..", "se.finsam.planering.sprak..",
            "se.finsam.planering.util..", "se.finsam.planering.varden..", "se.finsam.planering.web.."};

    @Test
    void gemensamma_paket_beror_inte_pa_funktioner() {
        noClasses().that().resideInAnyPackage(GEMENSAMMA)
                .should().dependOnClassesThat(resideInAPackage("se.finsam.planering..")
                        .and(not(resideInAnyPackage(GEMENSAMMA))))
                .check(klasser);
    }

    @Test
    void bara_main_anvander_app() {
        noClasses().that().resideOutsideOfPackage("se.finsam.planering")
                .should().dependOnClassesThat().belongToAnyOf(App.class).check(klasser);
    }
}
