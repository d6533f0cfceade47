package org.qtastudio.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.align.AlignFixtures;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.RewriteEvaluationStore;
import org.qtastudio.app.catalog.ImportPreviewView;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.cli.QtaCommand;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * The whole QTA workflow through the window alone, on a new workspace: import MTRB RestBench and the RestBench
 * training queries in the import dialog, type a new query on Annotate and tick its gold tool by keyboard, put it in the
 * test split, evaluate BM25 on Baselines, align a tiny random model on Align, press "Evaluate on test", and read the
 * rank changes on Results. Nothing is called on a service; the store is only read to check. Then the CLI's
 * {@code rewrite --run N --split test} with the run's settings evaluates the same run again, and its three stored runs
 * must equal the window's query by query (texts and gold ranks).
 */
class WindowWorkflowTest extends WindowUiTest {

    private static final Path SHARED = Path.of("..", "shared");

    @TempDir
    Path dir;

    private static void await(FxRobot robot, String what, Callable<Boolean> condition) throws Exception {
        try {
            waitOnFx(600, what, condition);
        } catch (AssertionError e) {
            Label message = robot.lookup("#alignMessageLabel").queryAs(Label.class);
            throw new AssertionError(what + " did not happen; Align says: " + (message == null ? "" : onFx(message::getText)), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void importThroughTheDialog(FxRobot robot, MainWindow window, Path file, String catalog) throws Exception {
        @SuppressWarnings("unchecked")
        Dialog<ButtonType>[] dialog = new Dialog[1];
        robot.interact(() -> dialog[0] = window.previewImport(file.toFile()));
        // this dialog's labels: an earlier dialog's may still be found by a global lookup
        Label summary = onFx(() -> (Label) dialog[0].getDialogPane().lookup("#importSummaryLabel"));
        Label error = onFx(() -> (Label) dialog[0].getDialogPane().lookup("#importErrorLabel"));
        await(robot, "the preview of " + file, () -> !summary.getText().isEmpty() || !error.getText().isEmpty());
        if (catalog != null) {
            // a file of queries alone previews as an error until it names the catalog its gold tools belong to
            robot.clickOn(onFx(() -> dialog[0].getDialogPane().lookup("#importCatalogField"))).eraseText(40).write(catalog)
                    .type(KeyCode.ENTER);
            await(robot, "the preview into " + catalog, () -> summary.getText().contains(catalog));
        }
        assertEquals("", onFx(error::getText), "the preview of " + file);
        Node importButton = onFx(() -> dialog[0].getDialogPane().lookupButton(ImportPreviewView.IMPORT));
        robot.clickOn(importButton);
    }

    @Test
    void importAnnotateSplitBaselinesAlignEvaluateResultsInTheWindowAloneAndTheCliAgrees(FxRobot robot) throws Exception {
        AlignFixtures.assumeShared();
        Path model = AlignFixtures.tinyQwen3(dir.resolve("tiny-qwen3"));
        Path file = dir.resolve("workflow.qta");
        MainWindow window = open(robot, Workspace.open(file));
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);

        // import: the MTRB RestBench folder, then the RestBench TMDB training queries into the same catalog
        importThroughTheDialog(robot, window, SHARED.resolve("datasets/mtrb/restbench"), null);
        await(robot, "the catalog imported", () -> context.catalogs().find("mtrb-restbench").isPresent()
                && context.catalogs().tools(context.catalogs().require("mtrb-restbench").id()).size() == 54);
        importThroughTheDialog(robot, window, SHARED.resolve("datasets/restbench/tmdb.json"), "mtrb-restbench");
        long catalogId = context.catalogs().require("mtrb-restbench").id();
        await(robot, "the training queries imported", () -> context.catalogs().queries(catalogId, Split.TRAIN).size() >= 10);

        // annotate: a new query, its gold tool ticked by keyboard, then put in the test split
        robot.clickOn("Annotate");
        ListView<UserQuery> queries = robot.lookup("#queryList").queryListView();
        await(robot, "the queries listed", () -> !queries.getItems().isEmpty());
        String text = "Which movies are similar to Alien?";
        robot.clickOn("#newQueryField").write(text).type(KeyCode.ENTER);
        await(robot, "the new query selected", () -> queries.getSelectionModel().getSelectedItem() != null
                && queries.getSelectionModel().getSelectedItem().text().equals(text));
        ListView<?> tools = robot.lookup("#toolList").queryListView();
        robot.clickOn("#toolSearchField").write("/movie/{movie_id}/similar");
        await(robot, "the tool found", () -> tools.getItems().size() >= 1 && tools.getItems().size() < 54);
        robot.type(KeyCode.DOWN).type(KeyCode.SPACE);
        await(robot, "the gold tool stored", () -> context.catalogs().queries(catalogId, null).stream()
                .anyMatch(q -> q.text().equals(text) && q.gold().contains("GET /movie/{movie_id}/similar")));
        @SuppressWarnings("unchecked")
        ChoiceBox<Split> split = robot.lookup("#splitChoice").queryAs(ChoiceBox.class);
        robot.interact(() -> split.setValue(Split.TEST));
        await(robot, "the query moved to test", () -> context.catalogs().queries(catalogId, Split.TEST).stream()
                .anyMatch(q -> q.text().equals(text)));

        // baselines: BM25 on the catalog's queries
        robot.clickOn("Baselines");
        TableView<?> baselineRuns = robot.lookup("#runsTable").queryTableView();
        robot.clickOn("#runButton");
        await(robot, "the baseline", () -> baselineRuns.getItems().size() == 1);

        // align the tiny model with short settings
        robot.clickOn("Align");
        TextField modelField = robot.lookup("#modelField").queryAs(TextField.class);
        robot.interact(() -> modelField.setText(model.toString()));
        for (String[] s : new String[][] {{"toolDocuments", "1"}, {"samples", "2"}, {"maxNewTokens", "8"}, {"seed", "11"},
                {"learningRate", "0.02"}, {"epochs", "2"}, {"batchSize", "5"}, {"loraDropout", "0"}}) {
            TextField field = robot.lookup("#setting-" + s[0]).queryAs(TextField.class);
            robot.interact(() -> field.setText(s[1]));
        }
        await(robot, "Start enabled", () -> !robot.lookup("#startButton").queryButton().isDisabled());
        robot.clickOn("#startButton");
        TableView<AlignStore.AlignRun> runs = robot.lookup("#alignRunsTable").queryTableView();
        await(robot, "the alignment", () -> !runs.getItems().isEmpty() && runs.getItems().getFirst().status() == AlignStore.Status.completed
                && !robot.lookup("#evaluateButton").queryButton().isDisabled());
        long alignRun = onFx(() -> runs.getItems().getFirst().id());

        // evaluate on test: Results opens on the new evaluation
        @SuppressWarnings("unchecked")
        ChoiceBox<Split> evaluateSplit = robot.lookup("#evaluateSplitChoice").queryAs(ChoiceBox.class);
        assertEquals(Split.TEST, onFx(evaluateSplit::getValue));
        robot.clickOn("#evaluateButton");
        await(robot, "Results on the evaluation", () -> "resultsTab".equals(tabs.getSelectionModel().getSelectedItem().getId())
                && !robot.lookup("#changesTable").queryTableView().getItems().isEmpty());
        RewriteEvaluationStore.Link link = new RewriteEvaluationStore(context.workspace()).list().getFirst();
        @SuppressWarnings("unchecked")
        ChoiceBox<EvalRun> before = robot.lookup("#beforeChoice").queryAs(ChoiceBox.class);
        @SuppressWarnings("unchecked")
        ChoiceBox<EvalRun> after = robot.lookup("#afterChoice").queryAs(ChoiceBox.class);
        await(robot, "the new pair compared", () -> before.getValue() != null && after.getValue() != null
                && before.getValue().id() == link.originalRunId() && after.getValue().id() == link.rewriteRunId());
        assertEquals(91, (int) onFx(() -> robot.lookup("#changesTable").queryTableView().getItems().size()),
                "90 MTRB test queries and the new one");
        assertTrue(onFx(() -> robot.lookup("#resultsMessage").queryAs(Label.class).getText()).contains("91 queries"));

        // the CLI evaluates the same run with the same settings: the same stored runs
        robot.interact(context::cancelAll);
        context.close();
        context = null;
        StringWriter out = new StringWriter();
        int code = new CommandLine(new QtaCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute(
                "rewrite", "--workspace", file.toString(), "-c", "mtrb-restbench", "--run", String.valueOf(alignRun),
                "--split", "test", "--tool-docs", "1", "--max-new-tokens", "8");
        assertEquals(0, code, out.toString());
        try (Workspace w = Workspace.open(file)) {
            List<RewriteEvaluationStore.Link> links = new RewriteEvaluationStore(w).list();
            assertEquals(2, links.size());
            RewriteEvaluationStore.Link cli = links.get(0);
            RewriteEvaluationStore.Link gui = links.get(1);
            EvalRunStore store = new EvalRunStore(w);
            long[][] pairs = {{gui.originalRunId(), cli.originalRunId()}, {gui.rewriteRunId(), cli.rewriteRunId()},
                    {gui.fusionRunId(), cli.fusionRunId()}};
            for (long[] pair : pairs) {
                EvalRun g = store.require(pair[0]);
                EvalRun c = store.require(pair[1]);
                assertEquals(c.spec(), g.spec());
                assertEquals(c.queries(), g.queries());
                assertEquals(c.metrics(), g.metrics(), "run #" + g.id() + " against the CLI's #" + c.id());
                List<QueryRecord> gr = store.records(g.id());
                List<QueryRecord> cr = store.records(c.id());
                assertEquals(cr.size(), gr.size());
                for (int i = 0; i < gr.size(); i++) {
                    assertEquals(cr.get(i).key(), gr.get(i).key());
                    assertEquals(cr.get(i).text(), gr.get(i).text());
                    assertArrayEquals(cr.get(i).goldRanks(), gr.get(i).goldRanks(), gr.get(i).key());
                }
            }
        }
    }
}
