package org.qtastudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qtastudio.align.AlignFixtures;
import org.qtastudio.app.serve.ServeViewModel;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.QtaAligner;
import org.qtastudio.align.RewriteEvaluator;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.common.Progress;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.Evaluator;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.experiment.CellResult;
import org.qtastudio.experiment.ExperimentPlan;
import org.qtastudio.experiment.ExperimentResults;
import org.qtastudio.experiment.ExperimentSpec;
import org.qtastudio.experiment.ExperimentStore;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every screen of the window (the Serve screen stopped and serving), on a populated workspace (MTRB RestBench with its training queries, a BM25
 * evaluation, a completed tiny alignment and its rewrite evaluation on the test split, and a data-efficiency experiment
 * whose two cells are done with that evaluation's numbers), at 1280×720 and 1920×1080,
 * in the light and the dark theme: nothing is truncated, squeezed under its minimum width, or outside the window
 * ({@link LayoutChecker}). The workspace is built once, directly through the services: it is the fixture, not what
 * is tested.
 */
class WindowLayoutTest extends WindowUiTest {

    private static Path workspaceFile;

    @BeforeAll
    static void populatedWorkspace() throws Exception {
        AlignFixtures.assumeShared();
        Path dir = Files.createTempDirectory("qta-layout");
        workspaceFile = dir.resolve("layout.qta");
        Path model = AlignFixtures.tinyQwen3(dir.resolve("tiny-qwen3"));
        try (Workspace w = AlignFixtures.restBenchWithTrainingQueries(workspaceFile); Retrievers retrievers = new Retrievers(w)) {
            CatalogStore catalogs = new CatalogStore(w);
            var catalog = catalogs.require("mtrb-restbench");
            try (Retriever bm25 = retrievers.open(catalog, RetrieverSpec.Bm25.defaults(), Progress.NONE)) {
                new EvalRunStore(w).save(catalog, Split.TEST.id(), catalogs.toolsFingerprint(catalog.id()),
                        Evaluator.evaluate(bm25, catalogs.queries(catalog.id(), Split.TEST), List.of(5, 10), 0, Progress.NONE));
            }
            AlignSettings d = AlignSettings.defaults();
            AlignSettings tiny = new AlignSettings(d.instruction(), 1, false, 2, 1.0, 1.0, 8, 11, "sufficiency-rank", 0.1, 0.0,
                    2e-2, 2, 4, 1, 1.0, 0.1, 8, 16, 0.0, d.targetModules(), 1, false);
            QtaAligner.Summary s = new QtaAligner(w, retrievers).align(new QtaAligner.Request("mtrb-restbench", Split.TRAIN,
                    model.toString(), "cpu", "float32", RetrieverSpec.Bm25.defaults(), tiny), Progress.NONE);
            long aligned = System.nanoTime();
            RewriteEvaluator.Outcome evaluated = new RewriteEvaluator(w, retrievers).evaluate(new RewriteEvaluator.Request("mtrb-restbench", Split.TEST, model.toString(),
                    s.adapter(), "cpu", "float32", RetrieverSpec.Bm25.defaults(), d.instruction(), 0, 4, RewriteEvaluator.Mode.greedy,
                    4, 42, List.of(5, 10), s.runId()), Progress.NONE);
            System.out.printf("layout fixture: aligned in %.1f s, rewrite evaluation in %.1f s%n", s.seconds(),
                    (System.nanoTime() - aligned) / 1e9);
            // an experiment for the Experiments screen's table and chart, its cells done with the evaluation above
            ExperimentSpec spec = new ExperimentSpec(ExperimentSpec.Kind.data_efficiency, List.of("mtrb-restbench"),
                    List.of(model.toString()), "cpu", "float32", List.of(RetrieverSpec.Bm25.defaults()), tiny, List.of(0, 10),
                    List.of(11L), null, null, 4);
            ExperimentStore experiments = new ExperimentStore(w);
            ExperimentStore.Experiment e = experiments.create("layout-data-efficiency", spec, ExperimentPlan.cells(spec, catalogs));
            List<List<QueryRecord>> records = new ExperimentResults(w).records(evaluated.id());
            for (ExperimentStore.Cell cell : experiments.cells(e.id())) {
                if (cell.plan().align() != null) {
                    experiments.setAlignRun(cell.id(), s.runId());
                }
                experiments.finish(cell.id(), evaluated.id(), CellResult.of(records.get(0), records.get(1), records.get(2), s.seconds(),
                        10, 1));
            }
        }
    }

    @AfterEach
    void lightThemeAgain() {
        styleLikeTheApplication();
    }

    @ParameterizedTest(name = "{0}×{1}, dark theme {2}")
    @CsvSource({"1280, 720, false", "1280, 720, true", "1920, 1080, false", "1920, 1080, true"})
    void everyScreenIsReadable(int width, int height, boolean dark, FxRobot robot) throws Exception {
        MainWindow window = open(robot, Workspace.open(workspaceFile), width, height, dark);
        Scene scene = onFx(stage::getScene);
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        List<String> problems = new ArrayList<>();
        for (Tab tab : onFx(() -> List.copyOf(tabs.getTabs()))) {
            robot.interact(() -> tabs.getSelectionModel().select(tab));
            settle(robot, onFx(tab::getId));
            List<String> found = onFx(() -> {
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                return LayoutChecker.check(scene);
            });
            String screen = onFx(tab::getText);
            found.forEach(p -> problems.add(screen + ": " + p));
        }
        problems.addAll(serving(robot, window, scene));
        assertEquals("", String.join("\n", problems), width + "×" + height + (dark ? " dark" : " light") + ": " + problems.size()
                + " layout problems");
    }

    /**
     * The Serve screen while it serves (the walk over the tabs saw it stopped): free ports, the query log on, and a
     * search over HTTP, so that the addresses, the figures, a logged query and the status bar's indicator are shown.
     * Stopped again after, as the workspace is shared by the sizes and themes.
     */
    private List<String> serving(FxRobot robot, MainWindow window, Scene scene) throws Exception {
        ServeViewModel serve = window.serveModel();
        robot.interact(() -> {
            TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "serveTab".equals(t.getId())).findFirst().orElseThrow());
            serve.form().jsonApiPortProperty().set("0");
            serve.form().mcpPortProperty().set("0");
            serve.form().logQueriesProperty().set(true);
            serve.start();
        });
        awaitScreen(robot, "#serveMessageLabel", "serving", () -> serve.stateProperty().get() == ServeViewModel.State.RUNNING);
        URI api = URI.create(onFx(() -> serve.jsonApiAddressProperty().get()));
        long logged = onFx(() -> (long) serve.logged().size());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                api.resolve("v1/tool-search")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"query\": \"which movies are similar to Alien and who directed them\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        awaitScreen(robot, "#serveMessageLabel", "the figures and the logged query", () -> serve.statsProperty().get() != null
                && serve.statsProperty().get().requests() == 1 && serve.logged().size() > logged);
        List<String> found = onFx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return LayoutChecker.check(scene).stream().map(p -> "Serve, serving: " + p).toList();
        });
        robot.interact(serve::stop);
        awaitScreen(robot, "#serveMessageLabel", "stopped", () -> serve.stateProperty().get() == ServeViewModel.State.STOPPED);
        return found;
    }

    /**
     * At 1280×720, every choice box's and combo box's popup on every screen lies inside the window: a list that would
     * run past the window's bottom edge scrolls instead.
     */
    @org.junit.jupiter.api.Test
    void popupsStayInsideTheWindow(FxRobot robot) throws Exception {
        open(robot, Workspace.open(workspaceFile), 1280, 720, false);
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        List<String> problems = new ArrayList<>();
        int opened = 0;
        for (Tab tab : onFx(() -> List.copyOf(tabs.getTabs()))) {
            robot.interact(() -> tabs.getSelectionModel().select(tab));
            settle(robot, onFx(tab::getId));
            List<javafx.scene.control.Control> boxes = onFx(() -> robot.lookup(n -> (n instanceof ChoiceBox<?>
                    || n instanceof ComboBox<?>) && shown(n) && !n.isDisabled()).queryAllAs(javafx.scene.control.Control.class)
                    .stream().toList());
            String screen = onFx(tab::getText);
            for (javafx.scene.control.Control box : boxes) {
                String problem = onFx(() -> openAndMeasure(box));
                WaitForAsyncUtils.waitForFxEvents();
                robot.interact(() -> hidePopup(box));
                opened++;
                if (problem != null) {
                    problems.add(screen + ": " + problem);
                }
            }
        }
        assertTrue(opened >= 10, "opened " + opened + " popups; every screen has choice boxes");
        assertEquals("", String.join("\n", problems));
    }

    /**
     * RestBench's tools differ only late in their keys ("GET /movie/{movie_id}/credits", "…/keywords"): at 1280×720 and
     * 1920×1080 the catalog shows every key and name whole, not only in a tooltip.
     */
    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1280, 720", "1920, 1080"})
    void catalogKeysAndNamesShowWhole(int width, int height, FxRobot robot) throws Exception {
        open(robot, Workspace.open(workspaceFile), width, height, false);
        settle(robot, "catalogTab");
        TableView<?> table = robot.lookup("#toolTable").queryTableView();
        List<String> cut = new ArrayList<>();
        int[] checked = new int[1];
        int rows = onFx(() -> table.getItems().size());
        for (int first = 0; first < rows; first += 10) {
            int row = first;
            robot.interact(() -> table.scrollTo(row));
            WaitForAsyncUtils.waitForFxEvents();
            onFx(() -> {
                table.applyCss();
                table.layout();
                for (javafx.scene.Node n : table.lookupAll(".table-cell")) {
                    if (n instanceof javafx.scene.control.TableCell<?, ?> cell && cell.isVisible() && cell.getTableColumn() != null
                            && List.of("keyColumn", "nameColumn").contains(cell.getTableColumn().getId()) && cell.getItem() != null) {
                        checked[0]++;
                        String problem = wholeText(cell);
                        if (problem != null && !cut.contains(problem)) {
                            cut.add(problem);
                        }
                    }
                }
                return null;
            });
        }
        assertTrue(checked[0] >= 2 * 54, "every RestBench tool's key and name were on screen: " + checked[0]);
        assertEquals(List.of(), cut);
    }

    /** Why the cell does not show its item whole (cut by an ellipsis, or lines cut off at its bottom); null when it does. */
    private static String wholeText(javafx.scene.control.TableCell<?, ?> cell) {
        String item = String.valueOf(cell.getItem());
        if (cell.getGraphic() instanceof javafx.scene.text.Text text) {
            double lines = text.getLayoutBounds().getHeight();
            boolean shown = text.getText().equals(item) && lines <= cell.getHeight() + 1
                    && text.getLayoutBounds().getWidth() <= cell.getWidth() + 1;
            return shown ? null : String.format(java.util.Locale.ROOT, "%s: %.0f×%.0f px of text in a %.0f×%.0f px cell", item,
                    text.getLayoutBounds().getWidth(), lines, cell.getWidth(), cell.getHeight());
        }
        String shown = LayoutChecker.cutText(cell);
        return shown == null && item.equals(cell.getText()) ? null : item + " shows as " + (shown != null ? shown : cell.getText());
    }

    /** Opens the box's popup and says where it sticks out of the window; null when it lies inside. */
    private String openAndMeasure(javafx.scene.control.Control box) {
        if (box instanceof ChoiceBox<?> c) {
            if (c.getItems().isEmpty()) {
                return null;
            }
            c.show();
        } else {
            ((ComboBox<?>) box).show();
        }
        javafx.geometry.Bounds window = new javafx.geometry.BoundingBox(stage.getX() + stage.getScene().getX(),
                stage.getY() + stage.getScene().getY(), stage.getScene().getWidth(), stage.getScene().getHeight());
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w instanceof javafx.stage.PopupWindow popup && popup.isShowing() && popup.getOwnerWindow() == stage) {
                javafx.scene.Node content = popup.getScene().getRoot().lookup(box instanceof ChoiceBox<?> ? ".context-menu" : ".list-view");
                if (content == null) {
                    continue;
                }
                popup.getScene().getRoot().applyCss();
                popup.getScene().getRoot().layout();
                javafx.geometry.Bounds b = content.localToScreen(content.getLayoutBounds());
                if (b.getMinX() < window.getMinX() - 1 || b.getMinY() < window.getMinY() - 1 || b.getMaxX() > window.getMaxX() + 1
                        || b.getMaxY() > window.getMaxY() + 1) {
                    return String.format(java.util.Locale.ROOT, "the popup of %s #%s lies outside the window: x %.0f…%.0f, y %.0f…%.0f",
                            box.getClass().getSimpleName(), box.getId(), b.getMinX(), b.getMaxX(), b.getMinY(), b.getMaxY());
                }
            }
        }
        return null;
    }

    private static void hidePopup(javafx.scene.control.Control box) {
        if (box instanceof ChoiceBox<?> c) {
            c.hide();
        } else {
            ((ComboBox<?>) box).hide();
        }
    }

    /** Whether the node and all its parents are visible (the controls of the selected tab). */
    private static boolean shown(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    /** Waits until the screen shows its data (tables filled), then for its loads to be laid out. */
    private static void settle(FxRobot robot, String tabId) throws Exception {
        String table = switch (tabId) {
            case "catalogTab" -> "#toolTable";
            case "baselinesTab" -> "#runsTable";
            case "alignTab" -> "#pairsTable";
            case "experimentsTab" -> "#cellsTable";
            case "resultsTab" -> "#changesTable";
            default -> null;
        };
        if (table != null) {
            waitOnFx(60, tabId + " shows its data in " + table, () -> {
                TableView<?> t = robot.lookup(table).queryTableView();
                return t != null && !t.getItems().isEmpty();
            });
        }
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
