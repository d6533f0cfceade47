package org.qtastudio.app.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.qtastudio.app.WindowUiTest;
import org.qtastudio.catalog.TestData;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Progress;
import org.qtastudio.eval.EvalResult;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.EvalService;
import org.qtastudio.eval.Metric;
import org.qtastudio.eval.PairedRandomizationTest;
import org.qtastudio.eval.MetricComparison;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the Baselines screen headless on MTRB RestBench: a BM25 evaluation through the screen, then two runs compared. */
class BaselinesUiTest extends WindowUiTest {

    private static final String CATALOG = "mtrb-restbench";
    private static final Metric S5 = new Metric(Metric.Kind.S, 5);

    /** Opens the window on a new workspace holding MTRB RestBench (skipped when the dataset is absent), on the Baselines tab. */
    private void openOnRestBench(FxRobot robot) throws Exception {
        Path restbench = TestData.dataset("mtrb", "restbench");
        Workspace workspace = Workspace.open(Files.createTempDirectory("qta-baselines").resolve("ui.qta"));
        new ImportService(workspace).importSource(ImportSource.of(restbench), null, null, Progress.NONE);
        open(robot, workspace);
        robot.clickOn("Baselines");
        waitOnFx(20, "the Baselines screen shows a catalog",
                () -> robot.lookup("#catalogChoice").queryAs(ChoiceBox.class).getValue() != null);
    }

    private static TableView<EvalRun> runsTable(FxRobot robot) {
        return robot.lookup("#runsTable").queryTableView();
    }

    private static void runAndWait(FxRobot robot, int runsAfter) throws Exception {
        robot.clickOn("#runButton");
        try {
            waitOnFx(120, "run #" + runsAfter + " is in the table", () -> runsTable(robot).getItems().size() == runsAfter);
        } catch (AssertionError e) {
            throw new AssertionError("no run #" + runsAfter + " in the table; the screen says: "
                    + onFx(() -> robot.lookup("#messageLabel").queryAs(Label.class).getText()), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aBm25EvaluationShowsTheMetricThatEvalServiceComputes(FxRobot robot) throws Exception {
        openOnRestBench(robot);
        runAndWait(robot, 1);

        Workspace reference = Workspace.open(Files.createTempDirectory("qta-baselines-ref").resolve("ref.qta"));
        EvalResult expected;
        try (reference; Retrievers retrievers = new Retrievers(reference)) {
            new ImportService(reference).importSource(ImportSource.of(TestData.dataset("mtrb", "restbench")), null, null, Progress.NONE);
            expected = new EvalService(reference, retrievers).evaluate(CATALOG, null, RetrieverSpec.Bm25.defaults(), List.of(5, 10),
                    Progress.NONE).result();
        }
        assertEquals(BaselinesViewModel.formatPercent(expected.mean(S5)), cellText(robot, runsTable(robot), "metric-S@5", 0),
                "S@5 of the default BM25 as the metric table shows it");
        assertEquals(BaselinesViewModel.formatPercent(expected.mean(Metric.MRR)), cellText(robot, runsTable(robot), "metric-MRR", 0));

        TableView<QueryRow> queries = robot.lookup("#queryTable").queryTableView();
        waitOnFx(10, "a row per query", () -> queries.getItems().size() == expected.records().size());
        List<QueryRow> rows = onFx(() -> List.copyOf(queries.getItems()));
        for (int i = 0; i < expected.records().size(); i++) {
            assertEquals(expected.records().get(i).sufficientDepth(), rows.get(i).worstRank(),
                    "worst gold rank of " + expected.records().get(i).key());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoRunsSelectedByKeyboardAreComparedQueryByQuery(FxRobot robot) throws Exception {
        openOnRestBench(robot);
        runAndWait(robot, 1);
        ChoiceBox<RetrieverKind> kind = robot.lookup("#kindChoice").queryAs(ChoiceBox.class);
        robot.interact(() -> kind.setValue(RetrieverKind.PAPER_BM25));
        runAndWait(robot, 2);

        TableView<EvalRun> runs = runsTable(robot);
        robot.interact(() -> runs.getSelectionModel().clearAndSelect(0));
        robot.clickOn("#runsTable").type(KeyCode.HOME);
        robot.press(KeyCode.SHIFT).type(KeyCode.DOWN).release(KeyCode.SHIFT);
        Label wins = robot.lookup("#winsLabel").queryAs(Label.class);
        waitOnFx(20, "the two runs are compared", () -> !wins.getText().equals("—"));

        EvalRun a = onFx(() -> runs.getItems().get(0));
        EvalRun b = onFx(() -> runs.getItems().get(1));
        assertNotEquals(a.spec(), b.spec());
        EvalRunStore store = new EvalRunStore(context.workspace());
        MetricComparison expected = MetricComparison.compare(store.records(a.id()), store.records(b.id()), S5,
                PairedRandomizationTest.DEFAULT_ITERATIONS, PairedRandomizationTest.DEFAULT_SEED);
        assertEquals(90, expected.wins() + expected.ties() + expected.losses(), "all RestBench queries are paired");
        assertEquals(String.valueOf(expected.wins()), onFx(wins::getText));
        assertEquals(String.valueOf(expected.ties()), onFx(() -> robot.lookup("#tiesLabel").queryAs(Label.class).getText()));
        assertEquals(String.valueOf(expected.losses()), onFx(() -> robot.lookup("#lossesLabel").queryAs(Label.class).getText()));
        assertEquals(BaselinesViewModel.formatPValue(expected.pValue()),
                onFx(() -> robot.lookup("#pValueLabel").queryAs(Label.class).getText()));
    }
}
