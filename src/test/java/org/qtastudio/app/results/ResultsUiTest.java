package org.qtastudio.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.Test;
import org.qtastudio.app.MainWindow;
import org.qtastudio.app.WindowUiTest;
import org.qtastudio.catalog.TestData;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the Results screen headless on MTRB RestBench, without an LM: BM25 on the original queries against BM25
 * on hand-made rewrites (each query followed by its first gold tool's name), linked as a rewrite evaluation.
 */
class ResultsUiTest extends WindowUiTest {

    private static final String CATALOG = "mtrb-restbench";

    @Test
    @SuppressWarnings("unchecked")
    void aRewriteEvaluationIsShownQueryByQuery(FxRobot robot) throws Exception {
        Path restbench = TestData.dataset("mtrb", "restbench");
        Path dir = Files.createTempDirectory("qta-results");
        Workspace workspace = Workspace.open(dir.resolve("ui.qta"));
        new ImportService(workspace).importSource(ImportSource.of(restbench), null, null, Progress.NONE);
        HandRewrites.Stored stored = HandRewrites.store(workspace, CATALOG);
        EvalRun original = stored.original();
        EvalRun rewritten = stored.rewritten();
        EvalRunStore store = new EvalRunStore(workspace);
        Map<String, Integer> depthBefore = store.records(original.id()).stream()
                .collect(Collectors.toMap(QueryRecord::key, QueryRecord::sufficientDepth));
        Map<String, Integer> depthAfter = store.records(rewritten.id()).stream()
                .collect(Collectors.toMap(QueryRecord::key, QueryRecord::sufficientDepth));
        assertEquals(90, depthBefore.size(), "RestBench has 90 labelled queries");

        MainWindow window = open(robot, workspace);
        robot.clickOn("Results");
        ChoiceBox<EvalRun> before = robot.lookup("#beforeChoice").queryAs(ChoiceBox.class);
        ChoiceBox<EvalRun> after = robot.lookup("#afterChoice").queryAs(ChoiceBox.class);
        TableView<?> metrics = robot.lookup("#metricsTable").queryTableView();
        try {
            waitOnFx(30, "the comparison is shown", () -> !metrics.getItems().isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError("no comparison shown; the screen says: "
                    + onFx(() -> robot.lookup("#resultsMessage").queryAs(Label.class).getText()), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(original.id(), (long) onFx(() -> before.getValue().id()),
                "the latest rewrite evaluation's original run is 'before'");
        assertEquals(rewritten.id(), (long) onFx(() -> after.getValue().id()), "and its rewritten run is 'after'");

        // metric deltas: S@5 is the first row, MRR the last
        assertEquals("S@5", cellText(robot, metrics, "metricColumn", 0));
        assertEquals(ResultsView.formatDelta(rewritten.metrics().get("S@5") - original.metrics().get("S@5")),
                cellText(robot, metrics, "deltaColumn", 0));
        int last = onFx(() -> metrics.getItems().size()) - 1;
        assertEquals("MRR", cellText(robot, metrics, "metricColumn", last));
        assertEquals(ResultsView.formatDelta(rewritten.metrics().get("MRR") - original.metrics().get("MRR")),
                cellText(robot, metrics, "deltaColumn", last));

        // the chart holds one point per query, in the series of its change
        RankChangeChart chart = robot.lookup("#rankChart").queryAs(RankChangeChart.class);
        assertEquals(90, (int) onFx(() -> chart.getData().stream().mapToInt(s -> s.getData().size()).sum()), "one point per query");
        TableView<QueryChange> queries = robot.lookup("#changesTable").queryTableView();
        assertEquals(90, (int) onFx(() -> queries.getItems().size()));
        Map<Change, String> toggles = Map.of(Change.IMPROVED, "#improvedToggle", Change.WORSENED, "#worsenedToggle",
                Change.UNCHANGED, "#unchangedToggle");
        for (Change change : Change.values()) {
            Set<String> expected = depthBefore.keySet().stream().filter(k -> switch (change) {
                case IMPROVED -> depthAfter.get(k) < depthBefore.get(k);
                case WORSENED -> depthAfter.get(k) > depthBefore.get(k);
                case UNCHANGED -> depthAfter.get(k).equals(depthBefore.get(k));
            }).collect(Collectors.toSet());
            robot.clickOn(toggles.get(change));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(expected, onFx(() -> queries.getItems().stream().map(QueryChange::key).collect(Collectors.toSet())),
                    change.label() + " shows exactly the queries whose worst gold rank changed that way");
            XYChart.Series<Number, Number> series = onFx(() -> chart.series(change));
            assertEquals(expected.size(), (int) onFx(() -> series.getData().size()), change.label() + " points on the chart");
            assertTrue(onFx(() -> series.getData().stream().allMatch(d -> d.getNode().getStyleClass()
                    .contains("default-color" + change.ordinal()))), change.label() + " points have the colour the style sheet gives "
                    + change.label());
        }
        assertTrue(onFx(() -> chart.series(Change.IMPROVED).getData().size()) > 0, "naming a gold tool helps some queries");
        robot.clickOn("#allToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(90, (int) onFx(() -> queries.getItems().size()));

        // keyboard: the arrow keys move through the table and the detail pane follows
        robot.clickOn(robot.from(queries).lookup((Node n) -> n instanceof TableRow<?> row && row.getIndex() == 0).queryAs(Node.class));
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        QueryChange second = onFx(() -> queries.getItems().get(1));
        assertEquals(second, onFx(() -> queries.getSelectionModel().getSelectedItem()));
        TextFlow rewrite = robot.lookup("#afterFlow").queryAs(TextFlow.class);
        assertEquals(second.afterText(), onFx(() -> rewrite.getChildren().stream().map(n -> ((Text) n).getText())
                .collect(Collectors.joining())));
        assertTrue(onFx(() -> rewrite.getChildren().stream().anyMatch(n -> n.getStyleClass().contains("shared-word"))),
                "the rewrite names a gold tool, so it shares a word with the gold tools: " + second.afterText());

        // export, as the Export button does once a file is chosen
        ResultsViewModel model = window.resultsModel();
        for (String name : List.of("results.jsonl", "results.csv")) {
            Path file = dir.resolve(name);
            AtomicReference<Task<Integer>> export = new AtomicReference<>();
            robot.interact(() -> export.set(model.export(file)));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> export.get().isDone());
            assertEquals(90, export.get().get());
            List<String> lines = Files.readAllLines(file);
            if (name.endsWith(".jsonl")) {
                assertEquals(90, lines.size(), "one line per query");
                JsonNode first = Json.MAPPER.readTree(lines.getFirst());
                assertEquals(depthBefore.get(first.get("query_key").asText()), first.get("worst_rank_before").asInt());
                assertEquals(depthAfter.get(first.get("query_key").asText()), first.get("worst_rank_after").asInt());
            } else {
                assertEquals(91, lines.size(), "a header and one line per query");
                assertTrue(lines.getFirst().startsWith("query_key,before_run,after_run,before_text,after_text,gold,"), lines.getFirst());
            }
        }
    }
}
