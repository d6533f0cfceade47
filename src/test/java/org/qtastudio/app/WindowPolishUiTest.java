package org.qtastudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;
import org.qtastudio.catalog.imports.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalService;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Focus rings, mnemonics, the shortcut list, and the Baselines screen's percent columns and compared runs. */
class WindowPolishUiTest extends WindowUiTest {

    /** Closes the dialogs a test opened: they are modal and would take the clicks of the next test. */
    @org.junit.jupiter.api.AfterEach
    void closeDialogs(FxRobot robot) {
        robot.interact(() -> javafx.stage.Window.getWindows().stream().filter(w -> w != stage).toList()
                .forEach(javafx.stage.Window::hide));
    }

    @Test
    void everyFocusedControlShowsAFocusRingInBothThemes(FxRobot robot) throws Exception {
        openOnSample(robot);
        for (boolean dark : List.of(false, true)) {
            robot.interact(() -> Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet()));
            for (String id : List.of("#importButton", "#darkThemeToggle", "#searchField", "#catalogList", "#toolTable")) {
                Node node = robot.lookup(id).query();
                robot.interact(node::requestFocus);
                WaitForAsyncUtils.waitForFxEvents();
                Object effect = onFx(() -> {
                    node.applyCss();
                    return node.getEffect();
                });
                assertNotNull(effect, id + " shows a focus ring in the " + (dark ? "dark" : "light") + " theme");
            }
        }
        robot.interact(WindowUiTest::styleLikeTheApplication);
    }

    @Test
    void theToolBarHasMnemonics(FxRobot robot) throws Exception {
        openOnSample(robot);
        for (String id : List.of("#importButton", "#darkThemeToggle", "#settingsButton")) {
            javafx.scene.control.Labeled control = robot.lookup(id).queryAs(javafx.scene.control.Labeled.class);
            String text = onFx(control::getText);
            assertTrue(onFx(control::isMnemonicParsing) && text.contains("_"), id + " has a mnemonic: " + text);
        }
        // Alt+letter itself is JavaFX's: Monocle's headless robot does not deliver the Alt mnemonic, so it is not pressed here
        robot.interact(WindowUiTest::styleLikeTheApplication);
    }

    /**
     * Alt+letter reaches one control: where two shown controls share a letter JavaFX only moves the focus between them.
     * Ctrl+1 … Ctrl+7 bring each screen to the front.
     */
    @Test
    void everyScreenHasItsOwnMnemonicsAndANumberKey(FxRobot robot) throws Exception {
        openOnSample(robot);
        javafx.scene.control.TabPane tabs = robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
        List<String> clashes = new java.util.ArrayList<>();
        int screens = onFx(() -> tabs.getTabs().size());
        for (int i = 0; i < screens; i++) {
            KeyCode digit = KeyCode.getKeyCode(String.valueOf(i + 1));
            robot.press(KeyCode.CONTROL).type(digit).release(KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(i, (int) onFx(() -> tabs.getSelectionModel().getSelectedIndex()),
                    "Ctrl+" + (i + 1) + " shows screen " + (i + 1));
            int tab = i;
            String screen = onFx(() -> tabs.getTabs().get(tab).getText());
            java.util.Map<String, List<String>> byLetter = onFx(() -> robot.lookup(n -> n instanceof javafx.scene.control.Labeled l
                    && l.isMnemonicParsing() && l.getText() != null && l.getText().matches("(?s).*_\\w.*") && shown(n)
                    && !skinCopy(l))
                    .queryAllAs(javafx.scene.control.Labeled.class).stream().collect(java.util.stream.Collectors.groupingBy(
                            l -> l.getText().replaceFirst("(?s).*?_(\\w).*", "$1").toLowerCase(java.util.Locale.ROOT),
                            java.util.stream.Collectors.mapping(javafx.scene.control.Labeled::getText, java.util.stream.Collectors.toList()))));
            byLetter.forEach((letter, texts) -> {
                if (texts.size() > 1) {
                    clashes.add(screen + ": Alt+" + letter + " on " + texts);
                }
            });
        }
        assertEquals(List.of(), clashes);
        robot.interact(WindowUiTest::styleLikeTheApplication);
    }

    /**
     * Whether {@code labeled} is a skin's copy of its control's own text (a menu button's label, which passes the
     * mnemonic on to the button), not a second control.
     */
    private static boolean skinCopy(javafx.scene.control.Labeled labeled) {
        for (Node n = labeled.getParent(); n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.control.Labeled owner && labeled.getText().equals(owner.getText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void settingsAndHelpListsEveryKeyboardShortcut(FxRobot robot) throws Exception {
        openOnSample(robot);
        List<String> listed = Shortcuts.ALL.stream().map(Shortcuts.Shortcut::keys).toList();
        var accelerators = onFx(() -> List.copyOf(stage.getScene().getAccelerators().keySet()));
        for (KeyCombination k : accelerators) {
            assertTrue(listed.stream().anyMatch(l -> l.contains(k.getDisplayText())), k.getDisplayText() + " is listed");
        }
        for (String key : List.of("Esc", "F5", "Ctrl+Z", "Space", "Enter", "Alt")) {
            assertTrue(listed.stream().anyMatch(l -> l.contains(key)), key + " is listed");
        }
        robot.interact(() -> robot.lookup("#settingsButton").queryAs(javafx.scene.control.Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.GridPane grid = onFx(() -> javafx.stage.Window.getWindows().stream()
                .map(w -> w.getScene().getRoot().lookup("#shortcutGrid")).filter(java.util.Objects::nonNull).findFirst()
                .map(n -> (javafx.scene.layout.GridPane) n).orElseThrow());
        long shown = onFx(() -> grid.getChildren().stream().filter(n -> n instanceof Label l && listed.contains(l.getText())).count());
        assertEquals(Shortcuts.ALL.size(), shown, "the dialog lists every shortcut");
        robot.interact(() -> javafx.stage.Window.getWindows().stream().filter(w -> w != stage).toList().forEach(javafx.stage.Window::hide));
    }

    @Test
    void baselinesSaysItsMetricsArePercentagesAndMarksTheComparedRuns(FxRobot robot) throws Exception {
        Workspace workspace = Workspace.open(Files.createTempDirectory("qta-polish").resolve("ui.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        try (Retrievers retrievers = new Retrievers(workspace)) {
            EvalService service = new EvalService(workspace, retrievers);
            service.evaluate(SampleData.CATALOG, null, RetrieverSpec.Bm25.defaults(), List.of(5, 10), Progress.NONE);
            service.evaluate(SampleData.CATALOG, null, RetrieverSpec.Bm25.defaults(), List.of(5, 10), Progress.NONE);
        }
        open(robot, workspace);
        robot.clickOn("#baselinesTab");
        TableView<EvalRun> runs = robot.lookup("#runsTable").queryTableView();
        waitOnFx(20, "both runs are listed", () -> runs.getItems().size() == 2);
        String header = onFx(() -> {
            TableColumn<EvalRun, ?> s5 = runs.getColumns().stream().filter(c -> "metric-S@5".equals(c.getId())).findFirst().orElseThrow();
            return ((Label) s5.getGraphic()).getText();
        });
        assertTrue(header.endsWith("(%)"), "the metric header says percent: " + header);
        robot.interact(() -> runs.getSelectionModel().selectRange(0, 2));
        WaitForAsyncUtils.waitForFxEvents();
        String firstColumn = onFx(() -> runs.getColumns().get(0).getId());
        String a = cellText(robot, runs, firstColumn, 0);
        String b = cellText(robot, runs, firstColumn, 1);
        assertTrue(a.endsWith("A") && b.endsWith("B"), "the compared runs are marked A and B: " + a + ", " + b);
        long marked = onFx(() -> robot.lookup(".table-row-cell").queryAll().stream()
                .filter(n -> n.getStyleClass().contains("compare-a") || n.getStyleClass().contains("compare-b")).count());
        assertEquals(2, marked, "both compared rows are tinted");
    }
}
