package org.qtastudio.app.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.align.AlignFixtures;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.StoredPair;
import org.qtastudio.app.MainWindow;
import org.qtastudio.app.WindowUiTest;
import org.qtastudio.catalog.imports.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the Align screen headless in a window 768 pixels high: a tiny random model aligned on the RestBench
 * training queries with review required, cancelled while sampling and resumed, its pairs reviewed by keyboard,
 * trained with every step plotted live, and shown again as stored in a window opened later; and a hub download
 * that fails offline with a message saying what to do.
 */
class AlignUiTest extends WindowUiTest {

    @TempDir
    Path dir;
    private void openAlignScreen(FxRobot robot, Workspace workspace) throws Exception {
        open(robot, workspace);
        robot.clickOn("Align");
        waitOnFx(20, "the Align screen shows a catalog and the device", () -> robot.lookup("#alignCatalogChoice").queryAs(ChoiceBox.class)
                .getValue() != null && !robot.lookup("#deviceInfoLabel").queryAs(Label.class).getText().isEmpty());
    }

    private static void setting(FxRobot robot, String id, String value) {
        TextField field = robot.lookup("#setting-" + id).queryAs(TextField.class);
        robot.interact(() -> field.setText(value));
    }

    /**
     * Waits for a condition, failing with what the screen says when it does not come. The condition is read on the
     * FX thread: the screen's lists change there, and reading them from the test thread raced with those changes.
     */
    private static void await(FxRobot robot, String what, Callable<Boolean> condition) throws Exception {
        awaitScreen(robot, "#alignMessageLabel", what, condition);
    }

    /** No work runs: the progress line is hidden (Start may still be disabled, for a reason it shows). */
    private static boolean idle(FxRobot robot) {
        return !robot.lookup("#workBox").query().isVisible();
    }

    @Test
    @SuppressWarnings("unchecked")
    void alignsATinyModelWithKeyboardReviewCancelAndResumeAndPlotsEveryStep(FxRobot robot) throws Exception {
        AlignFixtures.assumeShared();
        Path model = AlignFixtures.tinyQwen3(dir.resolve("tiny-qwen3"));
        openAlignScreen(robot, AlignFixtures.restBenchWithTrainingQueries(dir.resolve("align.qta")));
        AlignStore store = new AlignStore(context.workspace());

        TextField modelField = robot.lookup("#modelField").queryAs(TextField.class);
        robot.interact(() -> modelField.setText(model.toString()));
        Label modelInfo = robot.lookup("#modelInfoLabel").queryAs(Label.class);
        await(robot, "the model folder described", () -> modelInfo.getText().startsWith("Qwen3ForCausalLM"));
        assertTrue(onFx(() -> robot.lookup("#deviceInfoLabel").queryAs(Label.class).getText()).startsWith("CPU"), "cpu memory shown");
        setting(robot, "toolDocuments", "1");
        setting(robot, "samples", "2");
        setting(robot, "maxNewTokens", "8");
        setting(robot, "seed", "11");
        setting(robot, "learningRate", "0.02");
        setting(robot, "epochs", "2");
        setting(robot, "batchSize", "5");
        setting(robot, "loraDropout", "0");
        robot.clickOn("#reviewCheck");

        // start, and cancel while sampling: the run is stored as cancelled and resumes from there
        robot.clickOn("#startButton");
        Label work = robot.lookup("#workLabel").queryAs(Label.class);
        await(robot, "sampling", () -> work.getText() != null && work.getText().startsWith("Sampling"));
        robot.type(KeyCode.ESCAPE);
        TableView<AlignStore.AlignRun> runs = robot.lookup("#alignRunsTable").queryTableView();
        await(robot, "the cancel", () -> idle(robot) && runs.getSelectionModel().getSelectedItem() != null
                && runs.getSelectionModel().getSelectedItem().status() == AlignStore.Status.cancelled);
        long runId = onFx(() -> runs.getSelectionModel().getSelectedItem().id());
        assertEquals(AlignStore.Status.cancelled, store.run(runId).status());

        robot.clickOn("#resumeButton");
        await(robot, "the review", () -> idle(robot) && runs.getItems().getFirst().status() == AlignStore.Status.review);
        TableView<StoredPair> pairs = robot.lookup("#pairsTable").queryTableView();
        await(robot, "the pairs listed", () -> pairs.getItems().size() >= 3);
        List<StoredPair> sampled = store.pairs(runId, 1);
        assertEquals(sampled.size(), (int) onFx(() -> pairs.getItems().size()));

        // review by keyboard: accept the first, reject the second, edit the third
        robot.clickOn(pairs).type(KeyCode.HOME);
        robot.type(KeyCode.A).type(KeyCode.R).type(KeyCode.E);
        String edited = "search movie credits by movie id";
        robot.write(edited);
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        await(robot, "the edit stored", () -> store.pairs(runId, 1).get(2).edited());
        List<StoredPair> reviewed = store.pairs(runId, 1);
        assertEquals(StoredPair.Status.accepted, reviewed.get(0).status());
        assertEquals(StoredPair.Status.rejected, reviewed.get(1).status());
        assertEquals(edited, reviewed.get(2).chosen());
        assertEquals(sampled.get(2).rejected(), reviewed.get(2).rejected());
        assertEquals(StoredPair.Status.accepted, onFx(() -> pairs.getItems().get(0).status()), "the table shows the review");

        // Esc in the pair editor leaves the edit alone (it only ever cancels work); Ctrl+Z reverts to the stored pair
        robot.clickOn(pairs);
        robot.interact(() -> pairs.getSelectionModel().clearAndSelect(2));
        robot.type(KeyCode.E);
        TextArea chosen = robot.lookup("#chosenArea").queryAs(TextArea.class);
        robot.write(" unsaved words");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        String kept = onFx(chosen::getText);
        assertTrue(kept.contains("unsaved words"), "Esc kept the edit: " + kept);
        robot.clickOn(chosen).press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(edited, onFx(chosen::getText), "Ctrl+Z reverted to the stored pair");

        // train: every stored step is plotted
        robot.clickOn("#resumeButton");
        await(robot, "the training", () -> idle(robot) && runs.getItems().getFirst().status() == AlignStore.Status.completed);
        assertEquals(AlignStore.Status.completed, store.run(runId).status());
        int stepCount = store.steps(runId).size();
        assertTrue(stepCount > 0);
        for (String chart : List.of("#lossChart", "#marginChart", "#accuracyChart")) {
            LineChart<Number, Number> c = robot.lookup(chart).queryAs(LineChart.class);
            assertEquals(stepCount, (int) onFx(() -> c.getData().getFirst().getData().size()), chart + " has a point per stored step");
        }
        LineChart<Number, Number> lossChart = robot.lookup("#lossChart").queryAs(LineChart.class);
        assertEquals(store.steps(runId).getLast().loss(),
                (double) onFx(() -> lossChart.getData().getFirst().getData().getLast().getYValue().doubleValue()), 1e-12);
        assertTrue(onFx(() -> robot.lookup("#runStateLabel").queryAs(Label.class).getText()).contains("completed"));

        // a window opened later shows the run as stored: its status, its pairs and its recorded steps
        robot.interact(() -> stage.getScene().setRoot(new MainWindow(context).root()));
        robot.clickOn("Align");
        TableView<AlignStore.AlignRun> reopened = robot.lookup("#alignRunsTable").queryTableView();
        LineChart<Number, Number> reopenedLoss = robot.lookup("#lossChart").queryAs(LineChart.class);
        await(robot, "the reopened run", () -> !reopened.getItems().isEmpty() && reopenedLoss.getData().getFirst().getData().size() == stepCount
                && robot.lookup("#pairsTable").queryTableView().getItems().size() == reviewed.size());
        assertEquals(AlignStore.Status.completed, onFx(() -> reopened.getItems().getFirst().status()));
    }

    /** What StudioApp does when the window closes during a run and the user confirms: cancel all, close the workspace. */
    @Test
    void closingDuringTrainingStopsTheRunCleanlyAndAReopenedWindowCanResumeIt(FxRobot robot) throws Exception {
        AlignFixtures.assumeShared();
        Path model = AlignFixtures.tinyQwen3(dir.resolve("tiny-qwen3"));
        Path file = dir.resolve("closing.qta");
        openAlignScreen(robot, AlignFixtures.restBenchWithTrainingQueries(file));
        TextField modelField = robot.lookup("#modelField").queryAs(TextField.class);
        robot.interact(() -> modelField.setText(model.toString()));
        await(robot, "the model folder read", () -> !robot.lookup("#startButton").queryButton().isDisabled());
        setting(robot, "samples", "2");
        setting(robot, "maxNewTokens", "8");
        setting(robot, "epochs", "50");
        setting(robot, "batchSize", "5");
        robot.clickOn("#startButton");
        AlignStore store = new AlignStore(context.workspace());
        await(robot, "training", () -> !store.runs(context.catalogs().require("mtrb-restbench").id()).isEmpty()
                && !store.steps(store.runs(context.catalogs().require("mtrb-restbench").id()).getFirst().id()).isEmpty());
        long runId = store.runs(context.catalogs().require("mtrb-restbench").id()).getFirst().id();
        List<String> running = onFx(context::runningWork);
        assertEquals(List.of("Aligning on mtrb-restbench"), running, "the question asked on closing names the run");

        robot.interact(context::cancelAll);
        context.close();
        context = null;

        try (Workspace reopened = Workspace.open(file)) {
            AlignStore.AlignRun run = new AlignStore(reopened).run(runId);
            assertEquals(AlignStore.Status.cancelled, run.status(), "stopped cleanly, not left 'training': " + run.error());
        }
        try (Stream<Path> written = Files.walk(dir.resolve("closing.qta-data"))) {
            assertEquals(List.of(), written.filter(f -> f.toString().endsWith(".tmp")).toList(), "no checkpoint cut off mid-write");
        }
        openAlignScreen(robot, Workspace.open(file));
        TableView<AlignStore.AlignRun> runs = robot.lookup("#alignRunsTable").queryTableView();
        await(robot, "the stored run listed", () -> !runs.getItems().isEmpty());
        robot.interact(() -> runs.getSelectionModel().select(0));
        await(robot, "resume offered", () -> !robot.lookup("#resumeButton").queryButton().isDisabled());
        assertEquals(AlignStore.Status.cancelled, onFx(() -> runs.getItems().getFirst().status()));
    }

    @Test
    void aDownloadWithTheHubOutOfReachSaysWhatToDo(FxRobot robot) throws Exception {
        Workspace workspace = Workspace.open(dir.resolve("sample.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        openAlignScreen(robot, workspace);
        robot.clickOn("Download from the hub");
        TextField endpoint = robot.lookup("#endpointField").queryAs(TextField.class);
        robot.interact(() -> endpoint.setText("http://127.0.0.1:1"));
        robot.clickOn("#downloadButton");
        Label message = robot.lookup("#alignMessageLabel").queryAs(Label.class);
        await(robot, "the failure", () -> idle(robot) && message.getText().contains("cannot be reached"));
        String said = onFx(message::getText);
        assertTrue(said.contains("choose a model folder that is already on disk"), said);
    }
}
