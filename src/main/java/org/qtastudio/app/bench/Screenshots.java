package org.qtastudio.app.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.MainWindow;
import org.qtastudio.app.baselines.RetrieverKind;
import org.qtastudio.app.settings.SettingsView;
import org.qtastudio.app.settings.SettingsViewModel;
import org.qtastudio.app.settings.Themes;
import org.qtastudio.catalog.ImportService;
import org.qtastudio.catalog.SampleData;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/**
 * Renders every screen of the application into PNG files: the catalog with a tool selected, Annotate,
 * Baselines after two evaluations with their comparison (light and dark), and the Settings and help dialog.
 * The workspace is new and temporary, holding the sample catalog, or MTRB RestBench where this build cannot
 * import the sample yet. Run it under Xvfb; see docs/gui-benchmark.md.
 *
 * <p>Arguments: {@code [output folder] [MTRB RestBench folder]}, defaults {@code docs/screenshots} and
 * {@code ../shared/datasets/mtrb/restbench}.
 */
public final class Screenshots {

    private static final int WIDTH = 1366;
    private static final int HEIGHT = 768;

    private Screenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Path restbench = Path.of(args.length > 1 ? args[1] : "../shared/datasets/mtrb/restbench");
        Files.createDirectories(out);
        Workspace workspace = Workspace.open(Files.createTempDirectory("qta-screenshots").resolve("screenshots.qta"));
        String search = fill(workspace, restbench);

        FxThread.startup();
        AppContext context = new AppContext(workspace);
        try {
            shoot(context, out, search);
        } finally {
            FxThread.exit();
            context.close();
        }
        System.exit(0);
    }

    /** Imports the sample catalog, or RestBench when the sample's importers are missing; returns a word to search for. */
    private static String fill(Workspace workspace, Path restbench) throws IOException {
        try {
            SampleData.importInto(workspace, Progress.NONE);
            System.out.println("workspace: the sample catalog");
            return "weather";
        } catch (IllegalArgumentException e) {
            System.out.println("the sample catalog cannot be imported by this build (" + e.getMessage() + "); using " + restbench);
            new ImportService(workspace).importSource(ImportSource.of(restbench), null, null, Progress.NONE);
            return "movie";
        }
    }

    @SuppressWarnings("unchecked")
    private static void shoot(AppContext context, Path out, String search) throws Exception {
        SettingsViewModel settings = SettingsViewModel.inMemory();
        Stage stage = FxThread.call(() -> {
            Themes.follow(settings);
            Stage s = new Stage();
            s.setScene(new Scene(new MainWindow(context, settings).root(), WIDTH, HEIGHT));
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
        FxThread.call(() -> {
            tools.getSelectionModel().select(0);
            tools.requestFocus();
            return null;
        });
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
            tabs.getSelectionModel().select(0);
            return null;
        });

        Scene dialog = FxThread.call(() -> SettingsView.show(stage, settings, context.workspace().file()).getDialogPane().getScene());
        snap(dialog, out.resolve("settings.png"));
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
        FxThread.waitFor(what, condition, 3);
    }
}
