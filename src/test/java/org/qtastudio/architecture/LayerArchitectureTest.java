package org.qtastudio.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qtastudio.cli.BenchCommand;
import picocli.CommandLine.Command;

/**
 * The package structure the README describes, enforced: layers that only look down, an LM engine that knows
 * nothing of the workspace, benchmarks beside the product that only the CLI's bench commands call, the UI toolkit
 * and the CLI library each confined to their face, SQL only in stores, every package explained by its
 * package-info, and no cycles between packages.
 */
class LayerArchitectureTest {

    private static final String ROOT = "org.qtastudio";

    /** A class named *Store, or one nested in it. */
    private static final DescribedPredicate<JavaClass> A_STORE = DescribedPredicate.describe("a *Store",
            c -> outermost(c).getSimpleName().endsWith("Store"));

    /** {@code bench} itself, one of its subcommands, or a command named {@code bench} (as {@code lm bench}), or one nested in it. */
    private static final DescribedPredicate<JavaClass> A_BENCH_COMMAND = DescribedPredicate.describe("a bench command",
            c -> isBenchCommand(outermost(c).reflect()));

    private static JavaClasses product;

    private static boolean isBenchCommand(Class<?> type) {
        Command command = type.getAnnotation(Command.class);
        return command != null && (type == BenchCommand.class || command.name().equals("bench")
                || List.of(BenchCommand.class.getAnnotation(Command.class).subcommands()).contains(type));
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void layersOnlyDependOnLayersBelow() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Main").definedBy(ROOT)
                .layer("Bench").definedBy(ROOT + ".bench..")
                .layer("App").definedBy(ROOT + ".app..")
                .layer("Cli").definedBy(ROOT + ".cli..")
                .layer("Serve").definedBy(ROOT + ".serve..")
                .layer("Experiment").definedBy(ROOT + ".experiment..")
                .layer("Align").definedBy(ROOT + ".align..")
                .layer("Eval").definedBy(ROOT + ".eval..")
                .layer("Retrieval").definedBy(ROOT + ".retrieval..")
                .layer("Catalog").definedBy(ROOT + ".catalog..")
                .layer("Store").definedBy(ROOT + ".store..")
                .layer("Lm").definedBy(ROOT + ".lm..")
                .layer("Common").definedBy(ROOT + ".common..")
                .whereLayer("Main").mayNotBeAccessedByAnyLayer()
                .whereLayer("Bench").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("App").mayOnlyBeAccessedByLayers("Main", "Bench")
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Main")
                .whereLayer("Serve").mayOnlyBeAccessedByLayers("Main", "Bench", "App", "Cli")
                .whereLayer("Experiment").mayOnlyBeAccessedByLayers("Main", "Bench", "App", "Cli")
                .whereLayer("Align").mayOnlyBeAccessedByLayers("Main", "Bench", "App", "Cli", "Serve", "Experiment")
                .whereLayer("Eval").mayOnlyBeAccessedByLayers("Main", "Bench", "App", "Cli", "Serve", "Experiment", "Align")
                .whereLayer("Retrieval").mayOnlyBeAccessedByLayers("Main", "Bench", "App", "Cli", "Serve", "Experiment", "Align", "Eval")
                .whereLayer("Catalog").mayOnlyBeAccessedByLayers("Main", "Bench", "App", "Cli", "Serve", "Experiment", "Align", "Eval",
                        "Retrieval")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Main", "Bench", "App", "Cli", "Serve", "Experiment", "Align", "Eval",
                        "Retrieval", "Catalog")
                .whereLayer("Lm").mayOnlyBeAccessedByLayers("Main", "Bench", "App", "Cli", "Serve", "Experiment", "Align")
                .whereLayer("Lm").mayOnlyAccessLayers("Common")
                .check(product);
    }

    @Test
    void javaFxOnlyInTheWindow() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".app..", ROOT + ".bench.app..", ROOT)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(product);
    }

    @Test
    void picocliOnlyInTheCommandLine() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".cli..", ROOT)
                .should().dependOnClassesThat().resideInAnyPackage("picocli..")
                .check(product);
    }

    @Test
    void sqlOnlyInStores() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".store..").and(DescribedPredicate.not(A_STORE))
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..")
                .because("a newcomer looking for the SQL of a feature finds it in the workspace or in a class named *Store")
                .check(product);
    }

    @Test
    void importsSitAboveTheCatalogAndItsFormatReaders() {
        noClasses().that().resideInAPackage(ROOT + ".catalog")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".catalog.importers..", ROOT + ".catalog.imports..")
                .check(product);
        noClasses().that().resideInAPackage(ROOT + ".catalog.importers..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".catalog.imports..")
                .check(product);
    }

    @Test
    void onlyTheBenchCommandsOfTheCommandLineUseTheBenchmarks() {
        noClasses().that().resideInAPackage(ROOT + ".cli..").and(DescribedPredicate.not(A_BENCH_COMMAND))
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".bench..")
                .because("the benchmarks sit beside the product; the CLI reaches them only through its bench commands")
                .check(product);
    }

    @Test
    void noCyclesBetweenTopLevelPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(product);
    }

    @Test
    void everyPackageHasItsPackageInfo() throws IOException {
        Path sources = Path.of("src/main/java");
        List<Path> undocumented;
        try (Stream<Path> dirs = Files.walk(sources)) {
            undocumented = dirs.filter(Files::isDirectory).filter(LayerArchitectureTest::holdsJava)
                    .filter(d -> !Files.exists(d.resolve("package-info.java"))).toList();
        }
        assertEquals(List.of(), undocumented, "packages without a package-info.java (what the package is for, entry points, invariants)");
    }

    private static boolean holdsJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
