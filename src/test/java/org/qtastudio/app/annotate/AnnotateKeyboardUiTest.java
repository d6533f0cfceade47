package org.qtastudio.app.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Annotate screen's keyboard-first behaviour, each defect of issue 11 in its own test. */
class AnnotateKeyboardUiTest extends WindowUiTest {

    /** Opens the window on the sample catalog on the Annotate screen, its queries and tools listed. */
    private MainWindow openAnnotate(FxRobot robot) throws Exception {
        MainWindow window = openOnSample(robot);
        robot.clickOn("#annotateTab");
        ListView<UserQuery> queries = robot.lookup("#queryList").queryListView();
        ListView<ToolRow> tools = robot.lookup("#toolList").queryListView();
        waitOnFx(20, "the queries and tools are listed", () -> !queries.getItems().isEmpty() && tools.getItems().size() > 100);
        return window;
    }

    @Test
    void enteringTheScreenPutsTheCaretInTheToolSearch(FxRobot robot) throws Exception {
        openAnnotate(robot);
        TextField search = robot.lookup("#toolSearchField").queryAs(TextField.class);
        waitOnFx(20, "the tool search has the focus", search::isFocused);
        robot.clickOn("#catalogTab").clickOn("#annotateTab");
        waitOnFx(20, "the tool search has the focus again after another screen", search::isFocused);
    }

    @Test
    void downSelectsTheFirstMatchSpaceTicksWithoutTypingAndUndoKeepsTheSelection(FxRobot robot) throws Exception {
        openAnnotate(robot);
        ListView<UserQuery> queries = robot.lookup("#queryList").queryListView();
        ListView<ToolRow> tools = robot.lookup("#toolList").queryListView();
        TextField search = robot.lookup("#toolSearchField").queryAs(TextField.class);
        int all = onFx(() -> tools.getItems().size());
        List<String> goldBefore = onFx(() -> queries.getSelectionModel().getSelectedItem().gold());

        // a highlighted row from an earlier search must not make ↓ skip the first match of the next one
        robot.clickOn(search).write("file");
        waitOnFx(20, "the search narrows the tools", () -> tools.getItems().size() < all && !tools.getItems().isEmpty());
        robot.type(KeyCode.DOWN, 3);
        robot.eraseText(4).write("share link");
        waitOnFx(20, "the second search narrows the tools", () -> tools.getItems().size() < all && !tools.getItems().isEmpty()
                && tools.getItems().stream().allMatch(r -> r.searchText().contains("share")));
        robot.type(KeyCode.DOWN);
        assertEquals(0, (int) onFx(() -> tools.getSelectionModel().getSelectedIndex()), "↓ from the search selects the first match");
        ToolRow first = onFx(() -> tools.getItems().get(0));

        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("share link", onFx(search::getText), "Space ticked the tool and typed nothing into the search");
        assertTrue(onFx(() -> queries.getSelectionModel().getSelectedItem().gold().contains(first.key())), "Space ticked it");
        assertSame(first, onFx(() -> tools.getSelectionModel().getSelectedItem()), "the row stays highlighted");

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(goldBefore, onFx(() -> queries.getSelectionModel().getSelectedItem().gold()), "Ctrl+Z restored the gold set");
        assertSame(first, onFx(() -> tools.getSelectionModel().getSelectedItem()), "the selection stays after Ctrl+Z");
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> queries.getSelectionModel().getSelectedItem().gold().contains(first.key())), "Space works after Ctrl+Z");
        assertEquals("share link", onFx(search::getText));
    }

    @Test
    void theHighlightedToolStaysInViewWhileArrowingDown(FxRobot robot) throws Exception {
        openAnnotate(robot);
        ListView<ToolRow> tools = robot.lookup("#toolList").queryListView();
        robot.clickOn("#toolSearchField");
        for (int i = 0; i < 40; i++) {
            robot.type(KeyCode.DOWN);
            WaitForAsyncUtils.waitForFxEvents();
            int selected = onFx(() -> tools.getSelectionModel().getSelectedIndex());
            assertEquals(i, selected, "each ↓ moves one row");
            boolean visible = onFx(() -> {
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
        MainWindow window = openAnnotate(robot);
        ListView<String> gold = robot.lookup("#goldList").queryListView();
        ListView<AnnotateViewModel.Suggestion> suggestions = robot.lookup("#suggestionList").queryListView();
        ListView<ToolRow> tools = robot.lookup("#toolList").queryListView();
        ListView<UserQuery> queries = robot.lookup("#queryList").queryListView();
        robot.interact(() -> queries.getSelectionModel().select(1)); // the second sample query shares many words with calendar tools
        waitOnFx(20, "suggestions arrive (the screen says: " + onFx(() -> robot.lookup("#messageLabel").queryAs(Label.class).getText()) + ")",
                () -> !suggestions.getItems().isEmpty());
        assertTrue(onFx(() -> suggestions.getItems().stream().allMatch(s -> s.score() > 0)), "zero-score tools are left out");
        waitOnFx(20, "the first suggestion shows its score", () -> listCellText(suggestions, 0).matches("[☐☑] +\\d+\\.\\d\\d  .*"));

        robot.clickOn("#toolSearchField");
        int before = onFx(() -> gold.getItems().size());
        for (int i = 0; i < 4; i++) {
            robot.type(KeyCode.DOWN);
            int step = i;
            ToolRow row = onFx(() -> tools.getSelectionModel().getSelectedItem());
            assertTrue(row != null, "↓ #" + step + " highlights a tool; search '" + onFx(() -> robot.lookup("#toolSearchField")
                    .queryAs(javafx.scene.control.TextField.class).getText()) + "', focus " + onFx(() -> stage.getScene().getFocusOwner()));
            boolean isGold = onFx(() -> gold.getItems().contains(row.key()));
            if (!isGold) {
                robot.type(KeyCode.SPACE);
            }
        }
        WaitForAsyncUtils.waitForFxEvents();
        int count = onFx(() -> gold.getItems().size());
        assertTrue(count >= Math.max(4, before), "four tools ticked: " + count);
        double height = onFx(gold::getHeight);
        assertTrue(height >= count * 26 - 1, "the gold box shows all " + count + " tools at once: " + height + " px");
        assertFalse(onFx(() -> window.catalogModel().catalogs().isEmpty()));
    }

    @Test
    void atTheSmallestWindowFiveSuggestionsAndTheWholeQueryAreVisible(FxRobot robot) throws Exception {
        openAnnotate(robot);
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
        });
        WaitForAsyncUtils.waitForFxEvents();
        ListView<AnnotateViewModel.Suggestion> suggestions = robot.lookup("#suggestionList").queryListView();
        assertTrue(onFx(suggestions::getHeight) >= 5 * 26, "five suggestion rows fit: " + onFx(suggestions::getHeight));
        Label query = robot.lookup("#queryText").queryAs(Label.class);
        String longQuery = "Find every movie that is similar to Alien and list their cast, crew, release dates, reviews, "
                + "ratings, trailers and streaming providers in every country where they are available";
        robot.clickOn("#newQueryField").write(longQuery).type(KeyCode.ENTER);
        waitOnFx(20, "the new query is selected", () -> longQuery.equals(query.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        String displayed = onFx(() -> ((javafx.scene.text.Text) query.lookup(".text")).getText());
        assertEquals(longQuery, displayed.replace('\n', ' '), "the query text wraps instead of being cut");
    }

    private static String listCellText(ListView<?> list, int index) {
        return list.lookupAll(".list-cell").stream().map(n -> (javafx.scene.control.ListCell<?>) n)
                .filter(c -> c.getIndex() == index).map(javafx.scene.control.ListCell::getText).findFirst().orElse("");
    }
}
