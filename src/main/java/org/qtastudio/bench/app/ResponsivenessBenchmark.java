package org.qtastudio.bench.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.qtastudio.align.AlignStore;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.MainWindow;
import org.qtastudio.app.baselines.EvalScope;
import org.qtastudio.app.baselines.RetrieverKind;
import org.qtastudio.app.catalog.CatalogBrowserViewModel;
import org.qtastudio.app.settings.SettingsViewModel;
import org.qtastudio.app.settings.Themes;
import org.qtastudio.bench.Machine;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.ToolSummary;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/**
 * Whether the window stays responsive while long work runs: the real application window is open and a
 * {@link PulseMonitor} records the gaps between FX pulses while (1) a generated catalog (default 100,000 tools)
 * is imported through the window's import and then listed by the catalog browser, and (2) the Baselines screen
 * evaluates the bundled MiniLM dense retriever on a generated catalog (default 5,000 tools), which embeds every
 * tool, and (3) the Align screen runs QTA on a tiny random model (sampling rewrites, then DPO training while the
 * charts plot every step; needs the Qwen3 tokenizer from {@code ../shared}), and (4) "Evaluate on test" rewrites the
 * test queries with that run and ranks them, ending on the Results screen. The target is no gap over 100 ms. Run it under Xvfb; see docs/gui-benchmark.md.
 *
 * <p>Arguments: {@code [tools to import] [tools to embed]}, defaults 100000 and 5000.
 */
public final class ResponsivenessBenchmark {

    private static final int QUERIES = 20;

    private ResponsivenessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int importTools = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int embedTools = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        Path dir = Files.createTempDirectory("qta-responsiveness");
        try {
            run(dir, importTools, embedTools);
        } finally {
            CatalogBrowserBenchmark.deleteTree(dir);
        }
        System.exit(0);
    }

    private static void run(Path dir, int importTools, int embedTools) throws Exception {
        System.out.println(Machine.describe());
        Path toImport = CatalogBrowserBenchmark.generate(dir.resolve("import"), importTools);
        Workspace workspace = Workspace.open(dir.resolve("bench.qta"));
        Catalog embedCatalog = labelledCatalog(workspace, CatalogBrowserBenchmark.generate(dir.resolve("embed"), embedTools));
        FxThread.startup();
        System.out.println("javafx " + System.getProperty("javafx.runtime.version"));
        AppContext context = new AppContext(workspace);
        try {
            MainWindow window = FxThread.call(() -> {
                // the application's theme, as StudioApp sets it: without it every looked-up colour is a logged CSS warning
                SettingsViewModel settings = SettingsViewModel.inMemory();
                Themes.follow(settings);
                MainWindow w = new MainWindow(context, settings);
                Stage stage = new Stage();
                stage.setScene(new Scene(w.root(), 1280, 800));
                stage.setTitle("QTA Studio — responsiveness benchmark");
                stage.show();
                return w;
            });
            FxThread.waitFor("the catalog list", () -> !window.catalogModel().catalogs().isEmpty(), 1);
            Thread.sleep(1000);

            measure(String.format(Locale.ROOT, "import of %,d tools through the window, then the catalog browser listing them", importTools),
                    () -> window.importFile(ImportSource.of(toImport), "mtrb", "imported"),
                    () -> listed(window.catalogModel(), "imported", importTools));

            measure(String.format(Locale.ROOT, "Baselines: dense (MiniLM) evaluation on %,d tools, embedding every tool", embedTools),
                    () -> {
                        var baselines = window.baselinesModel();
                        baselines.catalogProperty().set(embedCatalog);
                        baselines.scopeProperty().set(EvalScope.ALL);
                        baselines.settings().kindProperty().set(RetrieverKind.DENSE);
                        Task<?> evaluation = baselines.runEvaluation();
                        if (evaluation == null) {
                            throw new IllegalStateException("the Baselines screen did not start: " + baselines.messageProperty().get());
                        }
                        return evaluation;
                    },
                    () -> true);

            if (TinyAlignment.available()) {
                Path model = TinyAlignment.writeModel(dir.resolve("tiny-qwen3"));
                FxThread.call(() -> {
                    window.alignModel().catalogProperty().set(embedCatalog);
                    TinyAlignment.setUp(window.alignModel(), model);
                    return null;
                });
                // the model folder is read in the background; Start is possible once it is described
                FxThread.waitFor("the model folder read", () -> window.alignModel().startProblemProperty().get().isEmpty(), 5);
                measure(String.format(Locale.ROOT, "Align: QTA with a tiny random Qwen3 on the %d training queries (sampling, then "
                                + "DPO training with the charts receiving every step)", QUERIES),
                        () -> {
                            var align = window.alignModel();
                            Task<?> alignment = align.start();
                            if (alignment == null) {
                                throw new IllegalStateException("the Align screen did not start: " + align.messageProperty().get());
                            }
                            return alignment;
                        },
                        () -> !window.alignModel().steps().isEmpty() && window.alignModel().selectedRunProperty().get() != null
                                && window.alignModel().selectedRunProperty().get().status() == AlignStore.Status.completed);
                measure(String.format(Locale.ROOT, "Align: Evaluate on test with that run (rewriting the %d test queries, then ranking "
                                + "original, rewrite and fusion; Results opens on them)", QUERIES),
                        () -> {
                            Task<?> evaluation = window.alignModel().evaluation().evaluate();
                            if (evaluation == null) {
                                throw new IllegalStateException("Evaluate on test did not start: " + window.alignModel().messageProperty().get());
                            }
                            return evaluation;
                        },
                        () -> window.resultsModel().comparisonProperty().get() != null);
            } else {
                System.out.println("no training measured: the Qwen3 tokenizer is not at " + TinyAlignment.TOKENIZER);
            }
        } finally {
            FxThread.exit();
            context.close();
        }
    }

    /**
     * Starts {@code work} on the FX thread with the monitor on, waits for its task and then until {@code settled}
     * holds (polled on the FX thread), and prints the gaps seen.
     */
    private static void measure(String what, Supplier<Task<?>> work, BooleanSupplier settled) throws Exception {
        long start = System.nanoTime();
        Started started = FxThread.call(() -> {
            PulseMonitor monitor = PulseMonitor.start();
            return new Started(monitor, work.get());
        });
        Task<?> task = started.task();
        FxThread.waitFor(what, task::isDone, 30);
        long workNanos = System.nanoTime() - start;
        Throwable failure = FxThread.call(task::getException);
        if (failure != null) {
            throw new IllegalStateException(what + " failed", failure);
        }
        FxThread.waitFor(what + " to settle", settled, 10);
        long settledNanos = System.nanoTime() - start;
        Thread.sleep(500);
        PulseMonitor.Gaps gaps = FxThread.call(() -> started.monitor().stop());
        System.out.printf(Locale.ROOT, "%s: task %,d ms, settled %,d ms; FX thread: %s%n", what, workNanos / 1_000_000,
                settledNanos / 1_000_000, gaps.describe());
    }

    /** Whether the catalog browser lists all tools of {@code name}; selects that catalog once it is in the list. */
    private static boolean listed(CatalogBrowserViewModel browser, String name, int tools) {
        Catalog imported = browser.catalogs().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        if (imported == null) {
            return false;
        }
        if (!imported.equals(browser.selectedCatalogProperty().get())) {
            browser.selectedCatalogProperty().set(imported);
            return false;
        }
        return browser.visibleToolsProperty().get().size() == tools;
    }

    private record Started(PulseMonitor monitor, Task<?> task) {
    }

    /**
     * Imports the generated tools and adds {@value #QUERIES} training and {@value #QUERIES} test queries, each a tool's
     * description with that tool as gold.
     */
    private static Catalog labelledCatalog(Workspace workspace, Path source) throws Exception {
        new ImportService(workspace).importSource(ImportSource.of(source), "mtrb", "embedded", Progress.NONE);
        CatalogStore store = new CatalogStore(workspace);
        Catalog catalog = store.require("embedded");
        List<ToolSummary> tools = store.toolSummaries(catalog.id());
        for (int i = 0; i < QUERIES; i++) {
            ToolSummary tool = tools.get(i * tools.size() / QUERIES);
            store.addQuery(catalog.id(), tool.description(), Split.TRAIN, List.of(tool.key()));
            ToolSummary other = tools.get(i * tools.size() / QUERIES + 1); // test queries on other tools, for Evaluate on test
            store.addQuery(catalog.id(), other.description(), Split.TEST, List.of(other.key()));
        }
        return store.require("embedded");
    }
}
