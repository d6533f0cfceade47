package org.qtastudio.bench.app;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.qtastudio.align.AlignStore;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.MainWindow;
import org.qtastudio.app.baselines.RetrieverKind;
import org.qtastudio.app.experiments.ExperimentsViewModel;
import org.qtastudio.app.settings.SettingsView;
import org.qtastudio.app.settings.SettingsViewModel;
import org.qtastudio.app.settings.Themes;
import org.qtastudio.catalog.imports.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/**
 * Renders every screen of the application into PNG files: the catalog with a tool selected, Annotate,
 * Baselines after two evaluations with their comparison (light and dark), Align after a short alignment of a
 * tiny random model (its pairs and charts; needs the Qwen3 tokenizer from {@code ../shared}), Results comparing
 * the two evaluations, Experiments after a small data-efficiency grid of that model (light and dark), the
 * import dialog's preview of a dataset, and the Settings and help dialog. The workspace is new and temporary,
 * holding the sample catalog. Run it under Xvfb; see docs/gui-benchmark.md.
 *
 * <p>Arguments: {@code [output folder] [file or folder to preview in the import dialog] [width height]}, defaults
 * {@code docs/screenshots} and {@code ../shared/datasets/mtrb/restbench} (else the sample's own tools file).
 */
public final class Screenshots {

    private static int width = 1366;
    private static int height = 768;

    private Screenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Path importExample = Path.of(args.length > 1 ? args[1] : "../shared/datasets/mtrb/restbench");
        if (args.length > 3) {
            width = Integer.parseInt(args[2]);
            height = Integer.parseInt(args[3]);
        }
        if (!Files.exists(importExample)) {
            importExample = Path.of("sample-data", "tools.json");
        }
        Files.createDirectories(out);
        Workspace workspace = Workspace.open(Files.createTempDirectory("qta-screenshots").resolve("screenshots.qta"));
        SampleData.importInto(workspace, Progress.NONE);

        FxThread.startup();
        AppContext context = new AppContext(workspace);
        try {
            shoot(context, out, importExample);
        } finally {
            FxThread.exit();
            context.close();
        }
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static void shoot(AppContext context, Path out, Path importExample) throws Exception {
        String search = "weather";
        SettingsViewModel settings = SettingsViewModel.inMemory();
        MainWindow window = FxThread.call(() -> new MainWindow(context, settings));
        Stage stage = FxThread.call(() -> {
            Themes.follow(settings);
            Stage s = new Stage();
            s.setScene(new Scene(window.root(), width, height));
            s.setTitle("QTA Studio");
            s.show();
            return s;
        });
        Scene scene = stage.getScene();
        TabPane tabs = (TabPane) scene.lookup(".tab-pane");

        TableView<Object> tools = (TableView<Object>) scene.lookup("#toolTable");
        waitFor("the catalog's tools", () -> !tools.getItems().isEmpty());
        int all = FxThread.call(() -> tools.getItems().size());
        FxThread.call(() -> {
            ((TextField) scene.lookup("#searchField")).setText(search);
            return null;
        });
        // the search runs in the background: select once the table shows its matches
        waitFor("the search results", () -> tools.getItems().size() < all);
        focusRow(tools, 0);
        snap(scene, out.resolve("catalog.png"));

        FxThread.call(() -> {
            tabs.getSelectionModel().select(1);
            return null;
        });
        ListView<Object> queries = (ListView<Object>) scene.lookup("#queryList");
        waitFor("the queries", () -> !queries.getItems().isEmpty());
        FxThread.call(() -> {
            ((TextField) scene.lookup("#toolSearchField")).setText(search);
            scene.lookup("#toolSearchField").requestFocus();
            return null;
        });
        snap(scene, out.resolve("annotate.png"));

        FxThread.call(() -> {
            tabs.getSelectionModel().select(2);
            return null;
        });
        waitFor("a catalog on the Baselines screen", () -> ((ChoiceBox<?>) scene.lookup("#catalogChoice")).getValue() != null);
        TableView<Object> runs = (TableView<Object>) scene.lookup("#runsTable");
        evaluate(scene, runs, 1);
        FxThread.call(() -> {
            ((ChoiceBox<RetrieverKind>) scene.lookup("#kindChoice")).setValue(RetrieverKind.PAPER_BM25);
            return null;
        });
        evaluate(scene, runs, 2);
        FxThread.call(() -> {
            runs.getSelectionModel().selectRange(0, 2);
            runs.requestFocus();
            return null;
        });
        javafx.scene.control.Label pValue = (javafx.scene.control.Label) scene.lookup("#pValueLabel");
        waitFor("the comparison", () -> !pValue.getText().equals("—"));
        snap(scene, out.resolve("baselines.png"));

        FxThread.call(() -> {
            settings.darkThemeProperty().set(true);
            return null;
        });
        snap(scene, out.resolve("baselines-dark.png"));
        FxThread.call(() -> {
            settings.darkThemeProperty().set(false);
            return null;
        });
        if (TinyAlignment.available()) {
            Path model = TinyAlignment.writeModel(Files.createTempDirectory("qta-screenshots-model").resolve("tiny-qwen3"));
            FxThread.call(() -> {
                select(tabs, "alignTab");
                TinyAlignment.setUp(window.alignModel(), model);
                return null;
            });
            waitFor("the model folder read", () -> window.alignModel().startProblemProperty().get().isEmpty());
            FxThread.call(() -> window.alignModel().start());
            waitFor("the alignment", () -> !window.alignModel().workingProperty().get() && !window.alignModel().runs().isEmpty()
                    && window.alignModel().runs().getFirst().status() == AlignStore.Status.completed
                    && !window.alignModel().pairs().isEmpty());
            TableView<Object> pairs = (TableView<Object>) scene.lookup("#pairsTable");
            focusRow(pairs, 0);
            snap(scene, out.resolve("align.png"));
            darkToo(settings, scene, out.resolve("align-dark.png"));
            // Evaluate on test: the window goes on to Results, comparing the original queries with the rewrites
            FxThread.call(() -> window.alignModel().evaluation().evaluate());
            waitFor("the rewrite evaluation", () -> !window.alignModel().workingProperty().get()
                    && "resultsTab".equals(tabs.getSelectionModel().getSelectedItem().getId()));
        } else {
            System.out.println("no align.png: the Qwen3 tokenizer is not at " + TinyAlignment.TOKENIZER);
        }
        FxThread.call(() -> {
            select(tabs, "resultsTab");
            return null;
        });
        TableView<Object> changes = (TableView<Object>) scene.lookup("#changesTable");
        waitFor("the Results screen's queries", () -> !changes.getItems().isEmpty());
        focusRow(changes, 0);
        snap(scene, out.resolve("results.png"));
        darkToo(settings, scene, out.resolve("results-dark.png"));
        if (TinyAlignment.available()) {
            shootExperiments(window, tabs, settings, scene, out);
        }

        FxThread.call(() -> {
            select(tabs, "catalogTab");
            return null;
        });
        Dialog<ButtonType> importDialog = FxThread.call(() -> window.previewImport(importExample.toFile()));
        Scene importScene = FxThread.call(() -> importDialog.getDialogPane().getScene());
        waitFor("the import preview", () -> !((Label) importScene.lookup("#importSummaryLabel")).getText().isEmpty()
                || !((Label) importScene.lookup("#importErrorLabel")).getText().isEmpty());
        snap(importScene, out.resolve("import.png"));
        FxThread.call(() -> {
            importDialog.close();
            return null;
        });

        Scene dialog = FxThread.call(() -> SettingsView.show(stage, settings, context.workspace().file()).getDialogPane().getScene());
        snap(dialog, out.resolve("settings.png"));
    }

    /**
     * Experiments after a data-efficiency grid of the tiny model the Align screen is set to (the base model, and 2
     * training queries drawn by seeds 1 and 2), created and run from the screen's form with the Align settings.
     */
    @SuppressWarnings("unchecked")
    private static void shootExperiments(MainWindow window, TabPane tabs, SettingsViewModel settings, Scene scene, Path out)
            throws Exception {
        ExperimentsViewModel experiments = window.experimentsModel();
        FxThread.call(() -> {
            select(tabs, "experimentsTab");
            experiments.grid().sizesProperty().set("0,2");
            experiments.grid().seedsProperty().set("1,2");
            experiments.grid().nameProperty().set("sample-data-efficiency");
            return null;
        });
        waitFor("the grid planned", () -> experiments.grid().canCreateBinding().get());
        FxThread.call(() -> experiments.grid().create());
        waitFor("the experiment created", () -> experiments.cells().size() == 3);
        FxThread.call(experiments::run);
        waitFor("the experiment's cells", () -> !experiments.workingProperty().get() && experiments.points().size() == 2);
        TableView<Object> cells = (TableView<Object>) scene.lookup("#cellsTable");
        focusRow(cells, 2);
        snap(scene, out.resolve("experiments.png"));
        darkToo(settings, scene, out.resolve("experiments-dark.png"));
    }

    /** The same screen in the dark theme, then the light theme again. */
    private static void darkToo(SettingsViewModel settings, Scene scene, Path file) throws Exception {
        FxThread.call(() -> {
            settings.darkThemeProperty().set(true);
            return null;
        });
        snap(scene, file);
        FxThread.call(() -> {
            settings.darkThemeProperty().set(false);
            return null;
        });
    }

    /** Selects a table's row and gives the table the focus, as a user clicking the row would. */
    private static void focusRow(TableView<?> table, int row) throws Exception {
        FxThread.call(() -> {
            table.getSelectionModel().select(row);
            table.requestFocus();
            return null;
        });
    }

    private static void select(TabPane tabs, String id) {
        tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private static void evaluate(Scene scene, TableView<Object> runs, int runsAfter) throws Exception {
        FxThread.call(() -> {
            ((Button) scene.lookup("#runButton")).fire();
            return null;
        });
        waitFor("run " + runsAfter + " (" + ((javafx.scene.control.Label) scene.lookup("#messageLabel")).getText() + ")",
                () -> runs.getItems().size() == runsAfter);
    }

    /** Lets two pulses pass so the scene is laid out and styled, then writes its pixels as a PNG. */
    private static void snap(Scene scene, Path file) throws Exception {
        Thread.sleep(500);
        WritableImage image = FxThread.call(() -> scene.snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, argb, 0, w);
        ImageIO.write(png, "png", file.toFile());
        System.out.printf("wrote %s (%d x %d, %,d bytes)%n", file, w, h, Files.size(file));
    }

    private static void waitFor(String what, BooleanSupplier condition) throws Exception {
        FxThread.waitFor(what, condition, 20); // an alignment and an evaluation on a busy machine take minutes
    }
}
