package org.qtastudio.app.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.qtastudio.app.MainWindow;
import org.qtastudio.app.WindowUiTest;
import org.qtastudio.app.catalog.ToolRow;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.catalog.imports.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Annotate screen's keyboard-first behaviour, each defect of issue 11 in its own test. */
class AnnotateKeyboardUiTest extends WindowUiTest {

    private MainWindow openOnSample(FxRobot robot) throws Exception {
        Workspace workspace = Workspace.open(Files.createTempDirectory("qta-annotate").resolve("ui.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        MainWindow window = open(robot, workspace);
        robot.clickOn("#annotateTab");
        ListView<UserQuery> queries = robot.lookup("#queryList").queryListView();
        ListView<ToolRow> tools = robot.lookup("#toolList").queryListView();
        waitFx("the queries and tools are listed", () -> !queries.getItems().isEmpty() && tools.getItems().size() > 100);
        return window;
    }

    private static void waitFx(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    @Test
    void enteringTheScreenPutsTheCaretInTheToolSearch(FxRobot robot) throws Exception {
        openOnSample(robot);
        TextField search = robot.lookup("#toolSearchField").queryAs(TextField.class);
        waitFx("the tool search has the focus", search::isFocused);
        robot.clickOn("#catalogTab").clickOn("#annotateTab");
        waitFx("the tool search has the focus again after another screen", search::isFocused);
    }

    @Test
    void downSelectsTheFirstMatchSpaceTicksWithoutTypingAndUndoKeepsTheSelection(FxRobot robot) throws Exception {
        openOnSample(robot);
        ListView<UserQuery> queries = robot.lookup("#queryList").queryListView();
        ListView<ToolRow> tools = robot.lookup("#toolList").queryListView();
        TextField search = robot.lookup("#toolSearchField").queryAs(TextField.class);
        int all = fx(() -> tools.getItems().size());
        List<String> goldBefore = fx(() -> queries.getSelectionModel().getSelectedItem().gold());

        // a highlighted row from an earlier search must not make ↓ skip the first match of the next one
        robot.clickOn(search).write("file");
        waitFx("the search narrows the tools", () -> tools.getItems().size() < all && !tools.getItems().isEmpty());
        robot.type(KeyCode.DOWN, 3);
        robot.eraseText(4).write("share link");
        waitFx("the second search narrows the tools", () -> tools.getItems().size() < all && !tools.getItems().isEmpty()
                && tools.getItems().stream().allMatch(r -> r.searchText().contains("share")));
        robot.type(KeyCode.DOWN);
        assertEquals(0, (int) fx(() -> tools.getSelectionModel().getSelectedIndex()), "↓ from the search selects the first match");
        ToolRow first = fx(() -> tools.getItems().get(0));

        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("share link", fx(search::getText), "Space ticked the tool and typed nothing into the search");
        assertTrue(fx(() -> queries.getSelectionModel().getSelectedItem().gold().contains(first.key())), "Space ticked it");
        assertSame(first, fx(() -> tools.getSelectionModel().getSelectedItem()), "the row stays highlighted");

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(goldBefore, fx(() -> queries.getSelectionModel().getSelectedItem().gold()), "Ctrl+Z restored the gold set");
        assertSame(first, fx(() -> tools.getSelectionModel().getSelectedItem()), "the selection stays after Ctrl+Z");
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> queries.getSelectionModel().getSelectedItem().gold().contains(first.key())), "Space works after Ctrl+Z");
        assertEquals("share link", fx(search::getText));
    }

    @Test
    void theHighlightedToolStaysInViewWhileArrowingDown(FxRobot robot) throws Exception {
        openOnSample(robot);
        ListView<ToolRow> tools = robot.lookup("#toolList").queryListView();
        robot.clickOn("#toolSearchField");
        for (int i = 0; i < 40; i++) {
            robot.type(KeyCode.DOWN);
            WaitForAsyncUtils.waitForFxEvents();
            int selected = fx(() -> tools.getSelectionModel().getSelectedIndex());
            assertEquals(i, selected, "each ↓ moves one row");
            boolean visible = fx(() -> {
                VirtualFlow<?> flow = (VirtualFlow<?>) tools.lookup(".virtual-flow");
                IndexedCell<?> firstCell = flow.getFirstVisibleCell();
                IndexedCell<?> lastCell = flow.getLastVisibleCell();
                return firstCell.getIndex() <= selected && selected <= lastCell.getIndex();
            });
            assertTrue(visible, "row " + selected + " is in view");
        }
    }

    @Test
    void theGoldBoxShowsEveryGoldToolAndSuggestionsShowTheirScores(FxRobot robot) throws Exception {
        MainWindow window = openOnSample(robot);
        ListView<String> gold = robot.lookup("#goldList").queryListView();
        ListView<AnnotateViewModel.Suggestion> suggestions = robot.lookup("#suggestionList").queryListView();
        ListView<ToolRow> tools = robot.lookup("#toolList").queryListView();
        ListView<UserQuery> queries = robot.lookup("#queryList").queryListView();
        robot.interact(() -> queries.getSelectionModel().select(1)); // the second sample query shares many words with calendar tools
        waitFx("suggestions arrive (the screen says: " + fx(() -> robot.lookup("#messageLabel").queryAs(Label.class).getText()) + ")",
                () -> !suggestions.getItems().isEmpty());
        assertTrue(fx(() -> suggestions.getItems().stream().allMatch(s -> s.score() > 0)), "zero-score tools are left out");
        waitFx("the first suggestion shows its score", () -> cellText(suggestions, 0).matches("[☐☑] +\\d+\\.\\d\\d  .*"));

        robot.clickOn("#toolSearchField");
        int before = fx(() -> gold.getItems().size());
        for (int i = 0; i < 4; i++) {
            robot.type(KeyCode.DOWN);
            int step = i;
            ToolRow row = fx(() -> tools.getSelectionModel().getSelectedItem());
            assertTrue(row != null, "↓ #" + step + " highlights a tool; search '" + fx(() -> robot.lookup("#toolSearchField")
                    .queryAs(javafx.scene.control.TextField.class).getText()) + "', focus " + fx(() -> stage.getScene().getFocusOwner()));
            boolean isGold = fx(() -> gold.getItems().contains(row.key()));
            if (!isGold) {
                robot.type(KeyCode.SPACE);
            }
        }
        WaitForAsyncUtils.waitForFxEvents();
        int count = fx(() -> gold.getItems().size());
        assertTrue(count >= Math.max(4, before), "four tools ticked: " + count);
        double height = fx(gold::getHeight);
        assertTrue(height >= count * 26 - 1, "the gold box shows all " + count + " tools at once: " + height + " px");
        assertFalse(window.catalogModel().catalogs().isEmpty());
    }

    @Test
    void atTheSmallestWindowFiveSuggestionsAndTheWholeQueryAreVisible(FxRobot robot) throws Exception {
        openOnSample(robot);
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
        });
        WaitForAsyncUtils.waitForFxEvents();
        ListView<AnnotateViewModel.Suggestion> suggestions = robot.lookup("#suggestionList").queryListView();
        assertTrue(fx(suggestions::getHeight) >= 5 * 26, "five suggestion rows fit: " + fx(suggestions::getHeight));
        Label query = robot.lookup("#queryText").queryAs(Label.class);
        String longQuery = "Find every movie that is similar to Alien and list their cast, crew, release dates, reviews, "
                + "ratings, trailers and streaming providers in every country where they are available";
        robot.clickOn("#newQueryField").write(longQuery).type(KeyCode.ENTER);
        waitFx("the new query is selected", () -> longQuery.equals(query.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        String displayed = fx(() -> ((javafx.scene.text.Text) query.lookup(".text")).getText());
        assertEquals(longQuery, displayed.replace('\n', ' '), "the query text wraps instead of being cut");
    }

    private static String cellText(ListView<?> list, int index) {
        return list.lookupAll(".list-cell").stream().map(n -> (javafx.scene.control.ListCell<?>) n)
                .filter(c -> c.getIndex() == index).map(javafx.scene.control.ListCell::getText).findFirst().orElse("");
    }
}
