package org.qtastudio.app.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.align.AlignFixtures;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.RewriteEvaluationStore;
import org.qtastudio.app.LayoutChecker;
import org.qtastudio.app.MainWindow;
import org.qtastudio.app.WindowUiTest;
import org.qtastudio.app.results.HandRewrites;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.experiment.CellResult;
import org.qtastudio.experiment.ExperimentPlan;
import org.qtastudio.experiment.ExperimentResults;
import org.qtastudio.experiment.ExperimentSpec;
import org.qtastudio.experiment.ExperimentStore;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the Experiments screen headless: a data-efficiency grid (sizes 0 and 1, one seed) is typed in and created,
 * run from the window with the tiny random model on RestBench cut to four test queries, its cells table and chart
 * checked against what is stored, and a click on a chart point opens that cell's before/after in Results; and a
 * transfer experiment's matrix, whose cells open in Results too.
 */
class ExperimentsUiTest extends WindowUiTest {

    @TempDir
    Path dir;

    private static void type(FxRobot robot, String id, String text) {
        TextField field = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> field.setText(text));
    }

    /** Waits for a condition read on the FX thread, failing with what the screen says when it does not come. */
    private static void await(FxRobot robot, String what, Callable<Boolean> condition) throws Exception {
        awaitScreen(robot, "#experimentsMessage", what, condition);
    }

    @Test
    void aGridCreatedAndRunFromTheWindowFillsItsTableAndChartAndAPointOpensItsCellInResults(FxRobot robot) throws Exception {
        AlignFixtures.assumeShared();
        Path model = AlignFixtures.tinyQwen3(dir.resolve("tiny-qwen3"));
        MainWindow window = open(robot, TinyExperiments.workspace(dir.resolve("ui.qta")));
        robot.interact(() -> TinyExperiments.shortSettings(window.alignModel(), model));
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT5).release(KeyCode.CONTROL);
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertEquals("experimentsTab", onFx(() -> tabs.getSelectionModel().getSelectedItem().getId()), "Ctrl+5 shows Experiments");

        // the grid: data efficiency is the first kind; the model folder follows the Align screen's
        await(robot, "the Align screen's model folder taken", () -> robot.lookup("#modelsField").queryAs(TextField.class).getText()
                .equals(model.toString()));
        type(robot, "#sizesField", "0,1");
        type(robot, "#seedsField", "1");
        type(robot, "#nameField", "tiny-de");
        Label plan = robot.lookup("#planLabel").queryAs(Label.class);
        await(robot, "the plan and its estimate", () -> plan.getText().startsWith("2 cells at 2 grid points. ROUGH estimate"));
        robot.clickOn("#createButton");
        TableView<ExperimentStore.Cell> cells = robot.lookup("#cellsTable").queryTableView();
        await(robot, "the cells listed", () -> cells.getItems().size() == 2);
        assertEquals("pending", cellText(robot, cells, "cellStatusColumn", 0));

        robot.clickOn("#experimentRunButton");
        await(robot, "the run", () -> !robot.lookup("#experimentWorkBox").query().isVisible()
                && cells.getItems().stream().allMatch(c -> c.status() == ExperimentStore.Status.done));

        ExperimentStore store = new ExperimentStore(context.workspace());
        List<ExperimentStore.Cell> stored = store.cells(store.require("tiny-de").id());
        for (int row = 0; row < 2; row++) {
            assertEquals(stored.get(row).point(), cellText(robot, cells, "cellPointColumn", row), "data efficiency's points as stored");
            assertEquals("1", cellText(robot, cells, "cellSeedColumn", row));
            assertEquals("done", cellText(robot, cells, "cellStatusColumn", row));
        }
        assertEquals("none", cellText(robot, cells, "cellRunColumn", 0), "the base model is not aligned");
        assertEquals("#" + stored.get(1).alignRunId(), cellText(robot, cells, "cellRunColumn", 1));
        assertEquals("Every cell is done.", onFx(() -> robot.lookup("#remainingLabel").queryAs(Label.class).getText()));

        PointChart chart = robot.lookup("#pointChart").queryAs(PointChart.class);
        List<ExperimentResults.Point> points = new ExperimentResults(context.workspace()).points(stored);
        for (String system : List.of("original", "rewrite", "fusion")) {
            assertEquals(2, (int) onFx(() -> chart.series(system).getData().size()), system + ": one data point per grid point");
            for (int i = 0; i < 2; i++) {
                int at = i;
                assertEquals(points.get(i).stats().get(system).get("S@5").mean(),
                        onFx(() -> chart.series(system).getData().get(at).getYValue().doubleValue()), 1e-9);
            }
        }

        // a click on the rewrites' point at size=1 shows that cell's original queries against its rewrites in Results
        Node point = onFx(() -> chart.series("rewrite").getData().get(1).getNode());
        robot.clickOn(point);
        await(robot, "Results in front", () -> "resultsTab".equals(tabs.getSelectionModel().getSelectedItem().getId())
                && window.resultsModel().comparisonProperty().get() != null);
        RewriteEvaluationStore.Link link = new RewriteEvaluationStore(context.workspace()).list().stream()
                .filter(l -> l.id() == stored.get(1).rewriteEvalId()).findFirst().orElseThrow();
        assertEquals(link.originalRunId(), (long) onFx(() -> window.resultsModel().beforeProperty().get().id()));
        assertEquals(link.rewriteRunId(), (long) onFx(() -> window.resultsModel().afterProperty().get().id()));
        assertEquals(TinyExperiments.TEST_QUERIES, (int) onFx(() -> window.resultsModel().queries().size()));
        assertTrue(onFx(() -> window.experimentsModel().messageProperty().get()).startsWith("Cell 2 (size=1, seed 1) opened in Results"));
    }

    /**
     * A transfer experiment on RestBench and a copy of it, its six cells done with rewrite evaluations made without an LM
     * ({@link HandRewrites}): the matrix gives each cell's gain, pressing a cell opens it in Results, and at 1280×720 the
     * screen is readable in the light and the dark theme, with the form set to each kind.
     */
    @Test
    void aTransferExperimentIsAMatrixOfGainsWhoseCellsOpenInResultsAndTheScreenReadsAt1280x720(FxRobot robot) throws Exception {
        AlignFixtures.assumeShared();
        Workspace w = TinyExperiments.workspace(dir.resolve("transfer.qta"));
        AlignFixtures.addRestBench(w, "rb-copy");
        AlignFixtures.keepTestQueries(w, TinyExperiments.TEST_QUERIES);
        List<String> catalogs = List.of(TinyExperiments.CATALOG, "rb-copy");
        Map<String, HandRewrites.Stored> evaluations = new HashMap<>();
        catalogs.forEach(c -> evaluations.put(c, HandRewrites.store(w, c)));
        ExperimentSpec spec = new ExperimentSpec(ExperimentSpec.Kind.transfer, catalogs, List.of(dir.resolve("model").toString()),
                "cpu", "float32", List.of(RetrieverSpec.Bm25.defaults()), AlignSettings.defaults(), null, List.of(1L), null, null, 4);
        ExperimentStore store = new ExperimentStore(w);
        ExperimentStore.Experiment experiment = store.create("transfer", spec, ExperimentPlan.cells(spec, new CatalogStore(w)));
        ExperimentResults results = new ExperimentResults(w);
        for (ExperimentStore.Cell cell : store.cells(experiment.id())) {
            long evaluation = evaluations.get(cell.plan().evaluate().catalog()).id();
            List<List<QueryRecord>> records = results.records(evaluation);
            store.finish(cell.id(), evaluation, CellResult.of(records.get(0), records.get(1), records.get(2), 0, 0, 0));
        }
        List<ExperimentResults.Point> points = results.points(store.cells(experiment.id()));
        assertEquals(6, points.size(), "the base model and two rewriters, each tested on both catalogs");

        MainWindow window = open(robot, w, 1280, 720, false);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT5).release(KeyCode.CONTROL);
        TransferMatrix matrix = robot.lookup("#transferMatrix").queryAs(TransferMatrix.class);
        await(robot, "the matrix", () -> robot.lookup("#matrixScroll").query().isVisible()
                && matrix.cell("train=rb-copy test=mtrb-restbench") != null && !matrix.cell("train=rb-copy test=mtrb-restbench").isDisabled());
        for (ExperimentResults.Point p : points) {
            String gain = String.format(Locale.ROOT, "%+.1f", p.stats().get("rewrite").get("S@5").mean()
                    - p.stats().get("original").get("S@5").mean());
            String shown = onFx(() -> matrix.cell(p.point()).getText());
            assertTrue(shown.startsWith(gain + "\n"), p.point() + " shows its gain " + gain + ": " + shown);
        }
        assertTrue(onFx(() -> matrix.cell("train=none test=rb-copy").getStyle()).contains("rgba(74, 194, 107"),
                "naming a gold tool helps: the gain is green");
        TableView<ExperimentStore.Cell> cells = robot.lookup("#cellsTable").queryTableView();
        assertEquals("base model → mtrb-restbench", cellText(robot, cells, "cellPointColumn", 0));
        assertEquals("mtrb-restbench → rb-copy", cellText(robot, cells, "cellPointColumn", 3));

        // readable at 1280×720, light and dark, whatever the form shows
        Scene scene = onFx(stage::getScene);
        List<String> problems = new ArrayList<>();
        for (boolean dark : List.of(false, true)) {
            if (dark) {
                robot.clickOn("#darkThemeToggle");
            }
            for (ExperimentSpec.Kind kind : ExperimentSpec.Kind.values()) {
                robot.interact(() -> window.experimentsModel().grid().kindProperty().set(kind));
                WaitForAsyncUtils.waitForFxEvents();
                onFx(() -> {
                    scene.getRoot().applyCss();
                    scene.getRoot().layout();
                    LayoutChecker.check(scene).forEach(p -> problems.add((dark ? "dark, " : "light, ") + kind + ": " + p));
                    return null;
                });
            }
        }
        robot.interact(WindowUiTest::styleLikeTheApplication);
        assertEquals(List.of(), problems);

        // pressing a cell shows that cell's original queries against its rewrites in Results
        robot.clickOn(onFx(() -> matrix.cell("train=mtrb-restbench test=rb-copy")));
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        await(robot, "Results in front", () -> "resultsTab".equals(tabs.getSelectionModel().getSelectedItem().getId())
                && window.resultsModel().comparisonProperty().get() != null);
        assertEquals(evaluations.get("rb-copy").original().id(), (long) onFx(() -> window.resultsModel().beforeProperty().get().id()));
        assertEquals(evaluations.get("rb-copy").rewritten().id(), (long) onFx(() -> window.resultsModel().afterProperty().get().id()));
    }
}
